import TraceModel

/// The body of an OTLP `ExportTraceServiceRequest`, kept in its resource → scope → span nesting so nothing
/// the SDK sent is lost and it can be written back out unchanged (`?format=otlp`).
package struct TracesData: Hashable, Sendable {
    package var resourceSpans: [ResourceSpans]
    package init(resourceSpans: [ResourceSpans] = []) { self.resourceSpans = resourceSpans }

    package var spanCount: Int { resourceSpans.reduce(0) { $0 + $1.scopeSpans.reduce(0) { $0 + $1.spans.count } } }
}

package struct ResourceSpans: Hashable, Sendable {
    package var resource: Resource
    package var scopeSpans: [ScopeSpans]
    package var schemaUrl: String
    package init(resource: Resource = Resource(), scopeSpans: [ScopeSpans] = [], schemaUrl: String = "") {
        self.resource = resource
        self.scopeSpans = scopeSpans
        self.schemaUrl = schemaUrl
    }
}

package struct ScopeSpans: Hashable, Sendable {
    package var scope: InstrumentationScope
    package var spans: [Span]
    package var schemaUrl: String
    package init(scope: InstrumentationScope = InstrumentationScope(), spans: [Span] = [], schemaUrl: String = "") {
        self.scope = scope
        self.spans = spans
        self.schemaUrl = schemaUrl
    }
}

/// The body of an OTLP `ExportLogsServiceRequest`.
package struct LogsData: Hashable, Sendable {
    package var resourceLogs: [ResourceLogs]
    package init(resourceLogs: [ResourceLogs] = []) { self.resourceLogs = resourceLogs }

    package var logRecordCount: Int { resourceLogs.reduce(0) { $0 + $1.scopeLogs.reduce(0) { $0 + $1.logRecords.count } } }
}

package struct ResourceLogs: Hashable, Sendable {
    package var resource: Resource
    package var scopeLogs: [ScopeLogs]
    package var schemaUrl: String
    package init(resource: Resource = Resource(), scopeLogs: [ScopeLogs] = [], schemaUrl: String = "") {
        self.resource = resource
        self.scopeLogs = scopeLogs
        self.schemaUrl = schemaUrl
    }
}

package struct ScopeLogs: Hashable, Sendable {
    package var scope: InstrumentationScope
    package var logRecords: [LogRecord]
    package var schemaUrl: String
    package init(scope: InstrumentationScope = InstrumentationScope(), logRecords: [LogRecord] = [], schemaUrl: String = "") {
        self.scope = scope
        self.logRecords = logRecords
        self.schemaUrl = schemaUrl
    }
}

/// What a decoder made of a request: the accepted data, and the items it had to reject (invalid ids) with
/// a reason each. Rejected items become OTLP's `partialSuccess`; the rest is stored.
package struct DecodedTraces: Sendable {
    package var data: TracesData
    package var rejected: Rejections
    package init(data: TracesData, rejected: Rejections = Rejections()) {
        self.data = data
        self.rejected = rejected
    }
}

package struct DecodedLogs: Sendable {
    package var data: LogsData
    package var rejected: Rejections
    package init(data: LogsData, rejected: Rejections = Rejections()) {
        self.data = data
        self.rejected = rejected
    }
}

/// A count of rejected items and the first few reasons (bounded: a request of a million bad spans
/// must not build a million-line message).
package struct Rejections: Hashable, Sendable {
    package static let maxReasons = 5
    package private(set) var count: Int = 0
    package private(set) var reasons: [String] = []

    package init() {}

    package mutating func add(_ reason: String) {
        count += 1
        if reasons.count < Self.maxReasons { reasons.append(reason) }
    }

    /// The `errorMessage` of a partial-success response.
    package var message: String {
        guard count > 0 else { return "" }
        let more = count > reasons.count ? " (and \(count - reasons.count) more)" : ""
        return "rejected \(count) item(s): " + reasons.joined(separator: "; ") + more
    }
}

/// Why a whole request could not be decoded. The message names where (a field path or byte offset) and what.
package struct OTLPDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

import TraceModel

/// The body of an OTLP `ExportTraceServiceRequest`, kept in its resource → scope → span nesting so nothing
/// the SDK sent is lost and it can be written back out unchanged (`?format=otlp`).
public struct TracesData: Hashable, Sendable {
    public var resourceSpans: [ResourceSpans]
    public init(resourceSpans: [ResourceSpans] = []) { self.resourceSpans = resourceSpans }

    public var spanCount: Int { resourceSpans.reduce(0) { $0 + $1.scopeSpans.reduce(0) { $0 + $1.spans.count } } }
}

public struct ResourceSpans: Hashable, Sendable {
    public var resource: Resource
    public var scopeSpans: [ScopeSpans]
    public var schemaUrl: String
    public init(resource: Resource = Resource(), scopeSpans: [ScopeSpans] = [], schemaUrl: String = "") {
        self.resource = resource
        self.scopeSpans = scopeSpans
        self.schemaUrl = schemaUrl
    }
}

public struct ScopeSpans: Hashable, Sendable {
    public var scope: InstrumentationScope
    public var spans: [Span]
    public var schemaUrl: String
    public init(scope: InstrumentationScope = InstrumentationScope(), spans: [Span] = [], schemaUrl: String = "") {
        self.scope = scope
        self.spans = spans
        self.schemaUrl = schemaUrl
    }
}

/// The body of an OTLP `ExportLogsServiceRequest`.
public struct LogsData: Hashable, Sendable {
    public var resourceLogs: [ResourceLogs]
    public init(resourceLogs: [ResourceLogs] = []) { self.resourceLogs = resourceLogs }

    public var logRecordCount: Int { resourceLogs.reduce(0) { $0 + $1.scopeLogs.reduce(0) { $0 + $1.logRecords.count } } }
}

public struct ResourceLogs: Hashable, Sendable {
    public var resource: Resource
    public var scopeLogs: [ScopeLogs]
    public var schemaUrl: String
    public init(resource: Resource = Resource(), scopeLogs: [ScopeLogs] = [], schemaUrl: String = "") {
        self.resource = resource
        self.scopeLogs = scopeLogs
        self.schemaUrl = schemaUrl
    }
}

public struct ScopeLogs: Hashable, Sendable {
    public var scope: InstrumentationScope
    public var logRecords: [LogRecord]
    public var schemaUrl: String
    public init(scope: InstrumentationScope = InstrumentationScope(), logRecords: [LogRecord] = [], schemaUrl: String = "") {
        self.scope = scope
        self.logRecords = logRecords
        self.schemaUrl = schemaUrl
    }
}

/// What a decoder made of a request: the accepted data, and the items it had to reject (invalid ids) with
/// a reason each. Rejected items become OTLP's `partialSuccess`; the rest is stored.
public struct DecodedTraces: Sendable {
    public var data: TracesData
    public var rejected: Rejections
    public init(data: TracesData, rejected: Rejections = Rejections()) {
        self.data = data
        self.rejected = rejected
    }
}

public struct DecodedLogs: Sendable {
    public var data: LogsData
    public var rejected: Rejections
    public init(data: LogsData, rejected: Rejections = Rejections()) {
        self.data = data
        self.rejected = rejected
    }
}

/// A count of rejected items and the first few reasons (bounded: a request of a million bad spans
/// must not build a million-line message).
public struct Rejections: Hashable, Sendable {
    public static let maxReasons = 5
    public private(set) var count: Int = 0
    public private(set) var reasons: [String] = []

    public init() {}

    public mutating func add(_ reason: String) {
        count += 1
        if reasons.count < Self.maxReasons { reasons.append(reason) }
    }

    /// The `errorMessage` of a partial-success response.
    public var message: String {
        guard count > 0 else { return "" }
        let more = count > reasons.count ? " (and \(count - reasons.count) more)" : ""
        return "rejected \(count) item(s): " + reasons.joined(separator: "; ") + more
    }
}

/// Why a whole request could not be decoded. The message names where (a field path or byte offset) and what.
public struct OTLPDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

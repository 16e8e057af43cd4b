import TraceModel
import TracetopAPI

/// One trace as the views use it, read from OTLP JSON (the collector's `?format=otlp`, or a file) by
/// `TraceDetail.traces(from:)`: spans with their times in µs, attributes as display tags, kind, status and the
/// error decision taken once from the span's own fields.
package struct TraceDetail: Hashable, Sendable {
    package var traceID: String
    package var spans: [TraceSpan]
    /// The resources, by the id each span names (`p1`, `p2`, … in the order they appear).
    package var processes: [String: Process]

    package init(traceID: String, spans: [TraceSpan], processes: [String: Process]) {
        self.traceID = traceID
        self.spans = spans
        self.processes = processes
    }

    /// A resource: its service name and attributes.
    package struct Process: Hashable, Sendable {
        package var serviceName: String
        package var tags: [Tag]?

        package init(serviceName: String, tags: [Tag]? = nil) {
            self.serviceName = serviceName
            self.tags = tags
        }
    }
}

/// A span's link to another span (OTLP's `links`), which Enter follows from the detail pane.
package struct SpanReference: Hashable, Sendable {
    package var traceID: String
    package var spanID: String

    package init(traceID: String, spanID: String) {
        self.traceID = traceID
        self.spanID = spanID
    }
}

/// A span event: its time (µs) and fields, the name first as the `event` field.
package struct SpanEventRecord: Hashable, Sendable {
    package var timestamp: Int64
    package var fields: [Tag]

    package init(timestamp: Int64, fields: [Tag]) {
        self.timestamp = Micros.clamp(timestamp)
        self.fields = fields
    }
}

/// One span as the views use it.
package struct TraceSpan: Hashable, Sendable {
    package var traceID: String
    package var spanID: String
    package var parentSpanID: String?
    package var operationName: String
    /// Links to other spans.
    package var references: [SpanReference]
    /// Microseconds since the epoch.
    package var startTime: Int64
    /// Microseconds.
    package var duration: Int64
    /// The span's attributes.
    package var tags: [Tag]
    package var logs: [SpanEventRecord]
    package var processID: String
    package var kind: SpanKind
    package var status: SpanStatus
    /// Decided once, by the domain's rule, when the span was read.
    package var isError: Bool
    package var scope: InstrumentationScope
    package var traceState: String

    package init(
        traceID: String, spanID: String, parentSpanID: String? = nil, operationName: String, references: [SpanReference] = [],
        startTime: Int64, duration: Int64, tags: [Tag] = [], logs: [SpanEventRecord] = [], processID: String,
        kind: SpanKind = .unspecified, status: SpanStatus = SpanStatus(), isError: Bool = false,
        scope: InstrumentationScope = InstrumentationScope(), traceState: String = ""
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.operationName = operationName
        self.references = references
        self.startTime = Micros.clamp(startTime)
        self.duration = Micros.clamp(duration)
        self.tags = tags
        self.logs = logs
        self.processID = processID
        self.kind = kind
        self.status = status
        self.isError = isError
        self.scope = scope
        self.traceState = traceState
    }

    package var endTime: Int64 { startTime &+ duration }

    /// What the detail pane lists after the attributes: the instrumentation scope and the W3C trace state
    /// (kind and status have a line of their own).
    var contextTags: [Tag] {
        var tags: [Tag] = []
        if !scope.name.isEmpty { tags.append(Tag(key: "otel.scope.name", value: .string(scope.name), type: "string")) }
        if !scope.version.isEmpty { tags.append(Tag(key: "otel.scope.version", value: .string(scope.version), type: "string")) }
        if !traceState.isEmpty { tags.append(Tag(key: "w3c.tracestate", value: .string(traceState), type: "string")) }
        return tags
    }
}

/// One span exactly as OpenTelemetry sent it. Times are nanoseconds since the Unix epoch, kept raw
/// (end < start happens in real data; display code clamps, storage does not).
package struct Span: Hashable, Sendable {
    package var traceID: TraceID
    package var spanID: SpanID
    /// nil for a root span (OTLP sends "" or omits it).
    package var parentSpanID: SpanID?
    package var traceState: String
    /// Low 8 bits: W3C trace flags; 0x100 / 0x200: parent-is-remote known / remote.
    package var flags: UInt32
    package var name: String
    package var kind: SpanKind
    package var startTimeUnixNano: UInt64
    package var endTimeUnixNano: UInt64
    package var attributes: [KeyValue]
    package var droppedAttributesCount: UInt32
    package var events: [SpanEvent]
    package var droppedEventsCount: UInt32
    package var links: [SpanLink]
    package var droppedLinksCount: UInt32
    package var status: SpanStatus

    package init(
        traceID: TraceID, spanID: SpanID, parentSpanID: SpanID? = nil, traceState: String = "", flags: UInt32 = 0,
        name: String, kind: SpanKind = .unspecified, startTimeUnixNano: UInt64, endTimeUnixNano: UInt64,
        attributes: [KeyValue] = [], droppedAttributesCount: UInt32 = 0, events: [SpanEvent] = [],
        droppedEventsCount: UInt32 = 0, links: [SpanLink] = [], droppedLinksCount: UInt32 = 0,
        status: SpanStatus = SpanStatus()
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.traceState = traceState
        self.flags = flags
        self.name = name
        self.kind = kind
        self.startTimeUnixNano = startTimeUnixNano
        self.endTimeUnixNano = endTimeUnixNano
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
        self.events = events
        self.droppedEventsCount = droppedEventsCount
        self.links = links
        self.droppedLinksCount = droppedLinksCount
        self.status = status
    }

    /// Duration for display and statistics: never negative (end < start is clamped to 0).
    package var durationNanos: UInt64 { endTimeUnixNano >= startTimeUnixNano ? endTimeUnixNano - startTimeUnixNano : 0 }
}

package struct SpanEvent: Hashable, Sendable {
    package var timeUnixNano: UInt64
    package var name: String
    package var attributes: [KeyValue]
    package var droppedAttributesCount: UInt32

    package init(timeUnixNano: UInt64, name: String, attributes: [KeyValue] = [], droppedAttributesCount: UInt32 = 0) {
        self.timeUnixNano = timeUnixNano
        self.name = name
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}

package struct SpanLink: Hashable, Sendable {
    package var traceID: TraceID
    package var spanID: SpanID
    package var traceState: String
    package var attributes: [KeyValue]
    package var droppedAttributesCount: UInt32
    package var flags: UInt32

    package init(
        traceID: TraceID, spanID: SpanID, traceState: String = "", attributes: [KeyValue] = [],
        droppedAttributesCount: UInt32 = 0, flags: UInt32 = 0
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.traceState = traceState
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
        self.flags = flags
    }
}

package struct SpanStatus: Hashable, Sendable {
    package var code: StatusCode
    package var message: String

    package init(code: StatusCode = .unset, message: String = "") {
        self.code = code
        self.message = message
    }
}

/// Span kind as an open enum: unknown integers are kept as given (the OTLP JSON rules say so).
package struct SpanKind: RawRepresentable, Hashable, Sendable {
    package var rawValue: Int32
    package init(rawValue: Int32) { self.rawValue = rawValue }

    package static let unspecified = SpanKind(rawValue: 0)
    package static let `internal` = SpanKind(rawValue: 1)
    package static let server = SpanKind(rawValue: 2)
    package static let client = SpanKind(rawValue: 3)
    package static let producer = SpanKind(rawValue: 4)
    package static let consumer = SpanKind(rawValue: 5)

    private static let names = [
        "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER",
        "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"
    ]

    /// Accepts the proto enum name (`SPAN_KIND_SERVER`).
    package init?(protoName: some StringProtocol) {
        guard let index = Self.names.firstIndex(where: { $0 == protoName }) else { return nil }
        self.init(rawValue: Int32(index))
    }

    /// Lowercase short name as Jaeger and the UI show it: `server`, `client`, … ("unspecified" for 0).
    package var shortName: String {
        switch self {
        case .internal: return "internal"
        case .server: return "server"
        case .client: return "client"
        case .producer: return "producer"
        case .consumer: return "consumer"
        case .unspecified: return "unspecified"
        default: return "kind(\(rawValue))"
        }
    }

    package init?(shortName: String) {
        switch shortName.lowercased() {
        case "unspecified": self = .unspecified
        case "internal": self = .internal
        case "server": self = .server
        case "client": self = .client
        case "producer": self = .producer
        case "consumer": self = .consumer
        default: return nil
        }
    }
}

package struct StatusCode: RawRepresentable, Hashable, Sendable {
    package var rawValue: Int32
    package init(rawValue: Int32) { self.rawValue = rawValue }

    package static let unset = StatusCode(rawValue: 0)
    package static let ok = StatusCode(rawValue: 1)
    package static let error = StatusCode(rawValue: 2)

    private static let names = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"]

    package init?(protoName: some StringProtocol) {
        guard let index = Self.names.firstIndex(where: { $0 == protoName }) else { return nil }
        self.init(rawValue: Int32(index))
    }
}

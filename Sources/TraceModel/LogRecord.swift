/// One log record as OpenTelemetry's logs data model defines it. Structured (non-OTLP) log lines are
/// normalised into the same type by LogAggregator.
public struct LogRecord: Hashable, Sendable {
    /// 0 = unknown; see `effectiveTimeUnixNano`.
    public var timeUnixNano: UInt64
    public var observedTimeUnixNano: UInt64
    public var severityNumber: Int32
    public var severityText: String
    public var body: AnyValue
    public var attributes: [KeyValue]
    public var droppedAttributesCount: UInt32
    public var flags: UInt32
    /// nil when the sender gave none or an invalid one: the record is then not linked to a trace (never rejected).
    public var traceID: TraceID?
    public var spanID: SpanID?
    public var eventName: String

    public init(
        timeUnixNano: UInt64 = 0, observedTimeUnixNano: UInt64 = 0, severityNumber: Int32 = 0,
        severityText: String = "", body: AnyValue = .empty, attributes: [KeyValue] = [],
        droppedAttributesCount: UInt32 = 0, flags: UInt32 = 0, traceID: TraceID? = nil, spanID: SpanID? = nil,
        eventName: String = ""
    ) {
        self.timeUnixNano = timeUnixNano
        self.observedTimeUnixNano = observedTimeUnixNano
        self.severityNumber = severityNumber
        self.severityText = severityText
        self.body = body
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
        self.flags = flags
        self.traceID = traceID
        self.spanID = spanID
        self.eventName = eventName
    }

    /// The record's time: its own, else when it was observed, else when the collector received it.
    public func effectiveTimeUnixNano(receivedAt: UInt64) -> UInt64 {
        if timeUnixNano != 0 { return timeUnixNano }
        if observedTimeUnixNano != 0 { return observedTimeUnixNano }
        return receivedAt
    }
}

/// Severity ranges of the logs data model (1–4 TRACE … 21–24 FATAL).
public enum Severity {
    public static func name(of number: Int32) -> String {
        switch number {
        case 1...4: return "TRACE"
        case 5...8: return "DEBUG"
        case 9...12: return "INFO"
        case 13...16: return "WARN"
        case 17...20: return "ERROR"
        case 21...24: return "FATAL"
        default: return "UNSET"
        }
    }
}

/// One log record as OpenTelemetry's logs data model defines it. Structured (non-OTLP) log lines are
/// normalised into the same type by LogAggregator.
package struct LogRecord: Hashable, Sendable {
    /// 0 = unknown; see `effectiveTimeUnixNano`.
    package var timeUnixNano: UInt64
    package var observedTimeUnixNano: UInt64
    package var severityNumber: Int32
    package var severityText: String
    package var body: AnyValue
    package var attributes: [KeyValue]
    package var droppedAttributesCount: UInt32
    package var flags: UInt32
    /// nil when the sender gave none or an invalid one: the record is then not linked to a trace (never rejected).
    package var traceID: TraceID?
    package var spanID: SpanID?
    package var eventName: String

    package init(
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
    package func effectiveTimeUnixNano(receivedAt: UInt64) -> UInt64 {
        if timeUnixNano != 0 { return timeUnixNano }
        if observedTimeUnixNano != 0 { return observedTimeUnixNano }
        return receivedAt
    }
}

/// Severity ranges of the logs data model: six names, four numbers each (TRACE 1–4, DEBUG 5–8, INFO 9–12,
/// WARN 13–16, ERROR 17–20, FATAL 21–24; 0 is unset). The one table the decoders, the structured-log levels, the
/// query API and tracetop's filter read.
package enum Severity {
    /// The ranges' short names, lowest first.
    package static let names = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]

    /// The short name of a range's first number: `INFO` is 9.
    package static func firstNumber(of name: some StringProtocol) -> Int32? {
        names.firstIndex { $0 == name }.map { Int32($0) * 4 + 1 }
    }

    package static func name(of number: Int32) -> String {
        guard (1...24).contains(number) else { return "UNSET" }
        return names[Int(number - 1) / 4]
    }

    /// A minimum severity as the query API and tracetop's log filter take it: a number 0–24, or a range's name in
    /// any case (`warning` too, as loggers spell it).
    package static func threshold(_ text: some StringProtocol) -> Int32? {
        if let number = Int32(text), (0...24).contains(number) { return number }
        let upper = text.uppercased()
        return firstNumber(of: upper == "WARNING" ? "WARN" : upper)
    }

    /// The number of a short name as the data model spells it, upper case: `WARN` is 13, `WARN2` 14 … `WARN4` 16.
    package static func number(shortName: some StringProtocol) -> Int32? {
        if let first = firstNumber(of: shortName) { return first }
        guard let last = shortName.last, let step = last.wholeNumberValue, (2...4).contains(step),
            let first = firstNumber(of: shortName.dropLast())
        else { return nil }
        return first + Int32(step) - 1
    }
}

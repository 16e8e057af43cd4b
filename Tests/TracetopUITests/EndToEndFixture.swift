import TraceModel
import WireCodecs

/// The end-to-end test's data, built with TraceModel and sent as real OTLP JSON: a checkout through four
/// services whose charge fails with an exception, log lines joined by trace and span, and one log line
/// from another service joined only through the correlation id.
enum EndToEndFixture {
    static let traceID = TraceID(high: 0x5eed_0000_0000_0001, low: 0x0000_0000_0000_00e2)
    static let correlationID = "corr-e2e-7"

    static func span(
        _ id: UInt64, parent: UInt64?, _ name: String, start: UInt64, end: UInt64, base: UInt64,
        attributes: [KeyValue] = [], events: [SpanEvent] = [], error: Bool = false
    ) -> Span {
        Span(
            traceID: traceID, spanID: SpanID(id), parentSpanID: parent.map(SpanID.init), name: name, kind: .server,
            startTimeUnixNano: base + start * 1_000_000, endTimeUnixNano: base + end * 1_000_000, attributes: attributes,
            events: events, status: SpanStatus(code: error ? .error : .unset, message: error ? "card declined" : ""))
    }

    static func resourceSpans(_ service: String, _ spans: [Span]) -> ResourceSpans {
        ResourceSpans(
            resource: Resource(attributes: [KeyValue("service.name", .string(service))]),
            scopeSpans: [ScopeSpans(scope: InstrumentationScope(name: "e2e"), spans: spans)])
    }

    /// Times are milliseconds after `base` (nanoseconds since the epoch), so the data is always recent.
    static func traces(base: UInt64) -> TracesData {
        let exception = SpanEvent(
            timeUnixNano: base + 50_000_000, name: "exception",
            attributes: [
                KeyValue("exception.type", .string("CardDeclined")),
                KeyValue(
                    "exception.stacktrace",
                    .string(
                        "Traceback (most recent call last):\n  File \"charge.py\", line 12, in charge\nCardDeclined: insufficient funds"))
            ])
        return TracesData(resourceSpans: [
            resourceSpans(
                "e2e-billing", [span(0xb1, parent: 0xa1, "POST /charge", start: 30, end: 58, base: base, events: [exception], error: true)]),
            resourceSpans(
                "e2e-gateway",
                [
                    span(
                        0xa0, parent: nil, "POST /checkout", start: 0, end: 120, base: base,
                        attributes: [KeyValue("correlation_id", .string(correlationID))])
                ]),
            resourceSpans(
                "e2e-orders",
                [
                    span(0xa1, parent: 0xa0, "create order", start: 5, end: 60, base: base),
                    span(0xa2, parent: 0xa1, "SELECT orders", start: 10, end: 25, base: base)
                ]),
            resourceSpans("e2e-inventory", [span(0xc1, parent: 0xa0, "reserve stock", start: 62, end: 110, base: base)])
        ])
    }

    static func logs(base: UInt64) -> LogsData {
        func record(_ at: UInt64, _ severity: Int32, _ body: String, span: UInt64?) -> LogRecord {
            LogRecord(
                timeUnixNano: base + at * 1_000_000, severityNumber: severity, body: .string(body),
                attributes: [KeyValue("correlation_id", .string(correlationID))],
                traceID: span == nil ? nil : traceID, spanID: span.map(SpanID.init))
        }
        func resourceLogs(_ service: String, _ records: [LogRecord]) -> ResourceLogs {
            ResourceLogs(
                resource: Resource(attributes: [KeyValue("service.name", .string(service))]),
                scopeLogs: [ScopeLogs(logRecords: records)])
        }
        return LogsData(resourceLogs: [
            resourceLogs("e2e-gateway", [record(1, 9, "checkout started", span: 0xa0)]),
            resourceLogs("e2e-billing", [record(55, 17, "charge failed: card declined", span: 0xb1)]),
            // No trace id: joined to the trace only through the correlation id.
            resourceLogs("e2e-worker", [record(200, 13, "retrying order after decline", span: nil)])
        ])
    }
}

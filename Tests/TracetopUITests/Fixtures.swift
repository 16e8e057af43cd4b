import TraceModel
import TracetopAPI
import TracetopUI

/// Test data built in code: every parameter defaulted so each test states only what it is about.
enum Fixtures {
    static let epoch: Int64 = 1_732_490_000_000_000
    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"

    static func span(
        _ id: String, parent: String? = nil, _ operation: String, process: String = "p1", start: Int64, end: Int64,
        error: Bool = false, statusMessage: String = "", kind: SpanKind = .unspecified, tags: [Tag] = [], events: [SpanEventRecord] = [],
        links: [SpanReference] = [],
        traceID: String = traceID
    ) -> TraceSpan {
        TraceSpan(
            traceID: traceID, spanID: id, parentSpanID: parent, operationName: operation, references: links,
            startTime: epoch + start * 1000, duration: (end - start) * 1000, tags: tags, logs: events, processID: process, kind: kind,
            status: SpanStatus(code: error ? .error : .unset, message: statusMessage), isError: error)
    }

    static let processes: [String: TraceDetail.Process] = [
        "p1": .init(serviceName: "gateway", tags: [Tag(key: "host.name", value: .string("gw-1"))]),
        "p2": .init(serviceName: "orders"),
        "p3": .init(serviceName: "billing"),
        "p4": .init(serviceName: "inventory"),
        "p5": .init(serviceName: "email")
    ]

    /// A checkout: gateway → orders (→ SELECT, → billing charge, failing) and → inventory (→ redis), plus an
    /// orphan whose parent never arrived. Times in ms from the trace start.
    static func checkout() -> TraceDetail {
        let exception = SpanEventRecord(
            timestamp: epoch + 50_000,
            fields: [
                Tag(key: "event", value: .string("exception")),
                Tag(key: "exception.type", value: .string("CardDeclined")),
                Tag(
                    key: "exception.stacktrace",
                    value: .string("Traceback (most recent call last):\n  File \"charge.py\", line 12\nCardDeclined: insufficient funds"))
            ])
        return TraceDetail(
            traceID: traceID,
            spans: [
                span(
                    "00000000000000b1", parent: "00000000000000a1", "POST /charge", process: "p3", start: 30, end: 58, error: true,
                    tags: [Tag(key: "http.response.status_code", value: .integer(502))], events: [exception]),
                span("00000000000000a0", "POST /checkout", start: 0, end: 120, kind: .server),
                span("00000000000000a1", parent: "00000000000000a0", "create order", process: "p2", start: 5, end: 60),
                span("00000000000000a2", parent: "00000000000000a1", "SELECT orders", process: "p2", start: 10, end: 25),
                span(
                    "00000000000000c1", parent: "00000000000000a0", "reserve", process: "p4", start: 62, end: 110,
                    links: [SpanReference(traceID: "0af7651916cd43dd8448eb211c80319c", spanID: "b7ad6b7169203331")]
                ),
                span("00000000000000c2", parent: "00000000000000c1", "redis GET", process: "p4", start: 65, end: 70),
                span("00000000000000e1", parent: "00000000000000ff", "send receipt", process: "p5", start: 100, end: 115)
            ], processes: processes)
    }

    static func checkoutLogs() -> [LogLine] {
        [
            LogLine(
                timestamp: epoch + 1_000, service: "gateway", severityNumber: 9, body: "checkout started", traceID: traceID,
                spanID: "00000000000000a0", correlationIds: ["c-123"]),
            LogLine(
                timestamp: epoch + 55_000, service: "billing", severityNumber: 17, body: "charge failed: card declined", traceID: traceID,
                spanID: "00000000000000b1", correlationIds: ["c-123"]),
            LogLine(
                timestamp: epoch + 200_000, service: "worker", severityNumber: 13, body: "retrying order c-123", correlationIds: ["c-123"])
        ]
    }

    static func summaries() -> [TraceSummaryRow] {
        [
            TraceSummaryRow(
                traceID: traceID, rootService: "gateway", rootOperation: "POST /checkout", startTime: epoch, duration: 120_000,
                spanCount: 7, errorCount: 1, services: ["gateway", "orders"], correlationIds: ["c-123"]),
            TraceSummaryRow(
                traceID: "11111111111111111111111111111111", rootService: "gateway", rootOperation: "GET /cart",
                startTime: epoch + 1_000_000, duration: 8_500, spanCount: 3),
            TraceSummaryRow(
                traceID: "22222222222222222222222222222222", rootService: "支払い", rootOperation: "請求 🚀 e\u{301}",
                startTime: epoch + 2_000_000, duration: 2_300_000, spanCount: 40, errorCount: 2),
            TraceSummaryRow(
                traceID: "33333333333333333333333333333333", rootService: "evil\u{1B}[2J\u{1B}]52;c;cHduZWQ=\u{07}",
                rootOperation: "\u{202E}gnp.exe\u{0}\u{9B}31m", startTime: epoch + 3_000_000, duration: 450, spanCount: 1),
            TraceSummaryRow(
                traceID: "44444444444444444444444444444444", rootService: "", rootOperation: "", startTime: epoch + 4_000_000,
                duration: 60_000, spanCount: 2, services: ["orders"])
        ]
    }

    /// An app state of a given size that has received the fixture summaries.
    static func state(width: Int = 100, height: Int = 30) -> AppState {
        var state = AppState(width: width, height: height, collectorLabel: "http://127.0.0.1:4318")
        _ = state.start(now: epoch + 5_000_000)
        _ = state.apply(.response(.traceSummaries(TraceListQuery()), .success(.summaries(summaries()))))
        return state
    }

    /// Drives keys through the pure update and collects the effects.
    @discardableResult
    static func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += state.apply(.key(key)) }
        return effects
    }

    static func type(_ text: String) -> [Key] { text.map { Key.character($0) } }
}

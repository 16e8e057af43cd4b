import Testing
import TracetopAPI
@testable import TracetopUI

@Suite("Why-line")
struct WhyLineTests {
    typealias F = Fixtures

    static func tree(_ spans: [TraceSpan], processes: [String: TraceDetail.Process] = F.processes) -> TraceTree {
        TraceTree(TraceDetail(traceID: F.traceID, spans: spans, processes: processes))
    }

    static func exception(_ type: String, _ message: String, at: Int64) -> SpanEventRecord {
        SpanEventRecord(
            timestamp: F.epoch + at * 1000,
            fields: [
                Tag(key: "event", value: .string("exception")), Tag(key: "exception.type", value: .string(type)),
                Tag(key: "exception.message", value: .string(message))
            ])
    }

    /// A checkout whose payment provider times out twice, answers 503 once, and whose saga compensates.
    static func failedCheckout() -> TraceTree {
        let status = { (code: Int64) in Tag(key: "http.response.status_code", value: .integer(code)) }
        let breaker = Tag(key: "circuit_breaker.state", value: .string("closed"))
        let resend = { (count: Int64) in Tag(key: "http.request.resend_count", value: .integer(count)) }
        return tree([
            F.span("00000000000000a0", "POST /checkout", start: 0, end: 3_000, error: true, tags: [status(503)]),
            F.span("00000000000000a1", parent: "00000000000000a0", "saga checkout", process: "p2", start: 10, end: 2_990, error: true),
            F.span("00000000000000b0", parent: "00000000000000a1", "POST /charges", process: "p3", start: 20, end: 2_800, error: true),
            F.span(
                "00000000000000b1", parent: "00000000000000b0", "POST /v1/charges", process: "p3", start: 30, end: 1_230, error: true,
                tags: [breaker], events: [exception("java.net.SocketTimeoutException", "Read timed out after 1200ms", at: 1_230)]),
            F.span(
                "00000000000000b2", parent: "00000000000000b0", "POST /v1/charges", process: "p3", start: 1_330, end: 2_530, error: true,
                tags: [breaker, resend(1)], events: [exception("java.net.SocketTimeoutException", "Read timed out after 1200ms", at: 2_530)]
            ),
            F.span(
                "00000000000000b3", parent: "00000000000000b0", "POST /v1/charges", process: "p3", start: 2_730, end: 2_760, error: true,
                tags: [breaker, resend(2), status(503)]),
            F.span("00000000000000c0", parent: "00000000000000a1", "saga.compensate release_stock", process: "p4", start: 2_810, end: 2_980)
        ])
    }

    @Test func namesTheSlowestSpanTheFirstErrorRetriesAndSignals() {
        let why = WhyLine(Self.failedCheckout())
        #expect(why.facts.map(\.kind) == [.slowest, .error, .retries, .signal, .signal, .signal])
        #expect(
            why.facts.map(\.text) == [
                "81% in 3× billing POST /v1/charges (2.43s self)",
                "error in billing POST /v1/charges: SocketTimeoutException: Read timed out after 1200ms (+5 more)",
                "3× billing POST /v1/charges under POST /charges (retries, 3 failed)",
                "503 Unavailable at gateway POST /checkout",
                "timeout in billing POST /v1/charges",
                "compensation: inventory saga.compensate release_stock"
            ])
        // The error fact points at the first attempt, the one that failed first.
        #expect(why.facts[1].span == Self.failedCheckout().indexBySpanID["00000000000000b1"])
    }

    /// The trace header says every fact whole at 80×24 (on two rows, wrapped between facts) as at 160×50.
    @Test(arguments: [(80, 24), (160, 50)])
    func theHeaderReadsEveryFactWhole(width: Int, height: Int) {
        let lines = Renderer.render(F.openCheckout(width: width, height: height)).lines
        let header = lines[2...3].joined(separator: "\n")
        for fact in WhyLine(TraceTree(F.checkout())).facts { #expect(header.contains(fact.text), "\(header)") }
        #expect(!header.contains("…"))
    }

    @Test func theFixtureCheckoutBlamesInventoryAndTheDeclinedCard() {
        let why = WhyLine(TraceTree(F.checkout()))
        #expect(why.text == "36% in inventory reserve (43ms self) · error in billing POST /charge: CardDeclined")
    }

    @Test func evenlySpreadTimeWithoutErrorsSaysSo() {
        func cart(_ operation: (Int) -> String) -> TraceTree {
            var spans = [F.span("00000000000000a0", "GET /cart", start: 0, end: 100)]
            for index in 1...5 {
                spans.append(
                    F.span(
                        "00000000000000b\(index)", parent: "00000000000000a0", operation(index), process: "p2",
                        start: Int64(index - 1) * 20, end: Int64(index) * 20))
            }
            return Self.tree(spans)
        }
        let even = WhyLine(cart { "step \($0)" })
        #expect(even.text == "no error, time spread evenly")
        #expect(even.facts.first?.kind == .calm)
        // Five calls of one operation add up (an N+1 loop); never failing, they are not retries.
        #expect(WhyLine(cart { _ in "SELECT items" }).text == "100% in 5× orders SELECT items (100ms self)")
    }

    @Test func circuitBreakerRejectionAnd429AreSignals() {
        let why = WhyLine(
            Self.tree([
                F.span("00000000000000a0", "GET /quote", start: 0, end: 100),
                F.span(
                    "00000000000000a1", parent: "00000000000000a0", "GET /rates", process: "p2", start: 5, end: 20,
                    tags: [Tag(key: "http.status_code", value: .integer(429))]),
                F.span(
                    "00000000000000a2", parent: "00000000000000a0", "rates fallback", process: "p2", start: 25, end: 30, error: true,
                    events: [
                        Self.exception(
                            "io.github.resilience4j.circuitbreaker.CallNotPermittedException", "CircuitBreaker 'rates' is OPEN", at: 30)
                    ])
            ]))
        #expect(why.facts.map(\.text).contains("429 Too Many Requests at orders GET /rates"))
        #expect(why.facts.map(\.text).contains("circuit breaker open at orders rates fallback"))
        #expect(why.facts.map(\.text).contains("error in orders rates fallback: CallNotPermittedException: CircuitBreaker 'rates' is OPEN"))
    }

    @Test func errorMessageFallsBackFromExceptionToStatusToErrorType() {
        let described = F.span(
            "01", "a", start: 0, end: 1, error: true, statusMessage: "db down")
        let typed = F.span(
            "02", "b", start: 0, end: 1, error: true, tags: [Tag(key: "error.type", value: .string("redis.ConnectionError"))])
        let http = F.span("03", "c", start: 0, end: 1, error: true, tags: [Tag(key: "http.response.status_code", value: .integer(500))])
        #expect(SpanFacts.errorMessage(described) == "db down")
        #expect(SpanFacts.errorMessage(typed) == "ConnectionError")
        #expect(SpanFacts.errorMessage(http) == "HTTP 500")
        #expect(SpanFacts.errorMessage(F.span("04", "d", start: 0, end: 1, error: true)) == "status ERROR")
    }

    @Test func aTimeoutSettingIsNotATimeout() {
        let configured = F.span("01", "a", start: 0, end: 1, tags: [Tag(key: "http.client.timeout", value: .integer(5000))])
        let flagged = F.span("02", "b", start: 0, end: 1, tags: [Tag(key: "request.timed_out", value: .bool(true))])
        let deadline = F.span("03", "c", start: 0, end: 1, tags: [Tag(key: "rpc.grpc.status_code", value: .integer(4))])
        #expect(!SpanFacts.isTimeout(configured))
        #expect(SpanFacts.isTimeout(flagged))
        #expect(SpanFacts.isTimeout(deadline))
    }
}

import Testing
import TracetopAPI
import TracetopUI

@Suite("Why-line in the trace header and the Traces list")
struct WhyColumnTests {
    typealias F = Fixtures

    /// The traces behind the fixture summaries, so the why column has something to say for each.
    static func details() -> [String: TraceDetail] {
        let cart = "11111111111111111111111111111111", hostile = "33333333333333333333333333333333"
        let evil: [String: TraceDetail.Process] = ["p1": .init(serviceName: "evil\u{1B}[2J\u{1B}]52;c;cHduZWQ=\u{07}")]
        return [
            F.traceID: F.checkout(),
            cart: TraceDetail(
                traceID: cart,
                spans: [
                    F.span("00000000000000a0", "GET /cart", start: 0, end: 10, traceID: cart),
                    F.span("00000000000000a1", parent: "00000000000000a0", "SELECT cart", process: "p2", start: 0, end: 2, traceID: cart),
                    F.span("00000000000000a2", parent: "00000000000000a0", "SELECT prices", process: "p2", start: 2, end: 4, traceID: cart),
                    F.span("00000000000000a3", parent: "00000000000000a0", "SELECT stock", process: "p2", start: 4, end: 6, traceID: cart),
                    F.span("00000000000000a4", parent: "00000000000000a0", "SELECT tax", process: "p2", start: 6, end: 8, traceID: cart),
                    F.span("00000000000000a5", parent: "00000000000000a0", "render", process: "p2", start: 8, end: 10, traceID: cart)
                ], processes: F.processes),
            hostile: TraceDetail(
                traceID: hostile,
                spans: [
                    F.span(
                        "00000000000000a0", "\u{202E}gnp.exe\u{0}\u{9B}31m", start: 0, end: 1, error: true,
                        statusMessage: "boom\u{1B}]0;pwned\u{07}\u{1B}[31m red",
                        traceID: hostile)
                ], processes: evil)
        ]
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func traceListWithWhyColumn(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        let effects = F.press([.character("w")], on: &state)
        let fetched = Set(
            effects.compactMap { effect -> String? in
                if case .fetch(.trace(let id)) = effect { return id }
                return nil
            })
        // Every visible listed trace is fetched once; the id-less root-less one too (its spans still say why).
        #expect(fetched == Set(F.summaries().map(\.traceID)))
        #expect(F.press([.character("j")], on: &state).isEmpty, "a trace already asked for is not asked for again")
        for (id, detail) in Self.details() {
            _ = state.apply(.response(.trace(id: id), .success(.trace(detail))))
        }
        _ = state.apply(
            .response(.trace(id: "44444444444444444444444444444444"), .failure(ClientError("trace not found", collectorAnswered: true))))
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.text.contains("Why (w hides)"))
        #expect(screen.text.contains("no error, time spread ev"))
        assertSnapshot(screen, named: "traces-why-\(width)x\(height)")
        F.press([.character("w")], on: &state)
        #expect(!Renderer.render(state).text.contains("Why (w hides)"))
    }

    @Test func theTraceHeaderSaysWhy() {
        let screen = Renderer.render(F.openCheckout(width: 120, height: 30))
        #expect(screen.lines[2] == "why 36% in inventory reserve (43ms self) · error in billing POST /charge: CardDeclined")
    }

    @Test func hostileErrorMessagesStaySanitisedInTheHeader() {
        var state = F.state(width: 200, height: 24)
        let hostile = "33333333333333333333333333333333"
        F.press([.character(":")] + F.type("trace " + hostile) + [.enter], on: &state)
        _ = state.apply(.response(.trace(id: hostile), .success(.trace(Self.details()[hostile]!))))
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.lines[2].contains("boom␛]0;pwned␇␛[31m red"))
    }
}

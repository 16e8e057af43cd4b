import Testing
@testable import TracetopUI

@Suite("Flame graph")
struct FlameGraphTests {
    typealias F = Fixtures

    @Test func boxesArePackedByDurationInEighths() {
        let tree = TraceTree(F.checkout())
        let root = tree.indexBySpanID["00000000000000a0"]!
        let layout = FlameLayout(tree, root: root, columns: 12)
        func row(_ depth: Int) -> [String] {
            layout.rows[depth].map { "\(tree.spans[$0.span].operationName) \($0.left)-\($0.right)" }
        }
        #expect(row(0) == ["POST /checkout 0-96"])
        #expect(row(1) == ["create order 0-44", "reserve 44-82"])
        #expect(row(2) == ["SELECT orders 0-12", "POST /charge 12-34", "redis GET 44-48"])
        #expect(layout.rows.count == 3)
        #expect(layout.neighbour(of: tree.indexBySpanID["00000000000000a1"]!, by: 1) == tree.indexBySpanID["00000000000000c1"])
        #expect(layout.firstChild(of: root, in: tree) == tree.indexBySpanID["00000000000000a1"])
    }

    @Test func parallelChildrenAreScaledToFitTheirParent() {
        let tree = TraceTree(
            TraceDetail(
                traceID: F.traceID,
                spans: [
                    F.span("00000000000000a0", "fan out", start: 0, end: 100),
                    F.span("00000000000000a1", parent: "00000000000000a0", "call", start: 0, end: 100),
                    F.span("00000000000000a2", parent: "00000000000000a0", "call", start: 0, end: 100),
                    F.span("00000000000000a3", parent: "00000000000000a0", "tiny", start: 0, end: 0)
                ], processes: F.processes))
        let layout = FlameLayout(tree, root: nil, columns: 10)
        #expect(layout.rows[1].map { [$0.left, $0.right] } == [[0, 40], [40, 80]])
        #expect(layout.hidden == 1)
    }

    static func openFlame(width: Int, height: Int) -> AppState {
        var state = F.openCheckout(width: width, height: height)
        F.press([.character("f")], on: &state)
        return state
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func flameView(width: Int, height: Int) {
        var state = Self.openFlame(width: width, height: height)
        F.press([.character("j"), .character("j"), .character("l")], on: &state)  // gateway → create order → SELECT → charge
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.text.contains("▶ billing POST /charge  28ms"))
        assertSnapshot(screen, named: "trace-flame-\(width)x\(height)")
    }

    @Test func enterZoomsEscZoomsOutAndFReturnsToTheWaterfallAtTheSpan() {
        var state = Self.openFlame(width: 100, height: 30)
        F.press([.character("j"), .character("l"), .enter], on: &state)  // into "reserve"
        guard case .trace(let zoomed) = state.page else { Issue.record("not a trace"); return }
        #expect(zoomed.flame.root.map { zoomed.tree!.spans[$0].operationName } == "reserve")
        #expect(Renderer.render(state).text.contains("zoomed into inventory reserve"))
        F.press([.character("j"), .escape], on: &state)
        guard case .trace(let out) = state.page else { return }
        #expect(out.flame.root.map { out.tree!.spans[$0].operationName } == "POST /checkout")
        #expect(out.mode == .flame)
        F.press([.character("f")], on: &state)
        guard case .trace(let back) = state.page, let span = back.selectedSpan else { Issue.record("no selection"); return }
        #expect(back.mode == .waterfall)
        #expect(back.tree?.spans[span].operationName == "reserve")
    }

    @Test func hostileNamesStaySanitisedInBoxes() {
        var state = F.openHostileTrace(width: 80, height: 24)
        F.press([.character("f"), .character("j")], on: &state)
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.text.contains("支払い␛[2J"))
        #expect(screen.text.contains("e\u{301}vil"))
    }
}

import Testing
import TracetopUI

@Suite("Rendered screens")
struct SnapshotTests {
    @Test(arguments: [(80, 24), (160, 50)])
    func tracesView(width: Int, height: Int) {
        let screen = Renderer.render(Fixtures.state(width: width, height: height))
        expectAligned(screen)
        expectNoControls(screen)
        assertSnapshot(screen, named: "traces-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func traceView(width: Int, height: Int) {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press([.character("G"), .enter], on: &state)  // the oldest row: the checkout
        _ = state.apply(.response(.trace(id: Fixtures.traceID), .success(.trace(Fixtures.checkout()))))
        _ = state.apply(.response(.traceLogs(traceID: Fixtures.traceID), .success(.logs(Fixtures.checkoutLogs()))))
        Fixtures.press([.down, .down, .down], on: &state)  // the failing billing span
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        assertSnapshot(screen, named: "trace-\(width)x\(height)")
    }

    @Test func tooSmallTerminalSaysWhatItNeeds() {
        let screen = Renderer.render(Fixtures.state(width: 40, height: 10))
        #expect(screen.text.contains("needs at least 60×14"))
        #expect(screen.text.contains("40×10"))
        assertSnapshot(screen, named: "too-small")
    }

    @Test func helpOverlayListsTheViewsKeys() {
        var state = Fixtures.state()
        Fixtures.press([.character("?")], on: &state)
        let screen = Renderer.render(state)
        #expect(screen.text.contains("Keys: Traces"))
        #expect(screen.text.contains("reverse the sort"))
        assertSnapshot(screen, named: "help-traces")
    }
}

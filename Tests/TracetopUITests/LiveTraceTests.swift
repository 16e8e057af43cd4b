import Testing
@testable import TracetopUI

@Suite("Live traces")
struct LiveTraceTests {
    typealias F = Fixtures

    /// The checkout, opened 5 s after it started (the fixture clock) and looked at again `later` µs after that.
    static func open(refreshAfter later: Int64, width: Int = 100, height: Int = 30) -> (AppState, [Effect]) {
        var state = F.openCheckout(width: width, height: height)
        F.press([.down, .character("h"), .down, .character("z")], on: &state)  // fold "create order", select and zoom "reserve"
        let effects = state.apply(.tick(now: state.now + later))
        return (state, effects)
    }

    static func grown() -> TraceDetail {
        var trace = F.checkout()
        trace.spans.append(F.span("00000000000000d1", parent: "00000000000000c1", "redis SET", process: "p4", start: 111, end: 113))
        trace.spans.append(F.span("00000000000000d2", parent: "00000000000000a0", "audit", process: "p1", start: 115, end: 130))
        return trace
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func aYoungTraceIsFetchedAgainAndKeepsCursorFoldsAndZoom(width: Int, height: Int) {
        var (state, effects) = Self.open(refreshAfter: 2_000_000, width: width, height: height)
        #expect(effects.contains(.fetch(.trace(id: F.traceID))))
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(Self.grown()))))
        guard case .trace(let trace) = state.page, let tree = trace.tree, let span = trace.selectedSpan else {
            Issue.record("no trace"); return
        }
        #expect(tree.spans[span].operationName == "reserve")
        #expect(trace.collapsed.map { tree.spans[$0].operationName } == ["create order"])
        #expect(trace.zoom != nil)
        #expect(trace.live?.arrivedSinceOpen == 2)
        let screen = Renderer.render(state)
        #expect(screen.lines[1].hasPrefix("gateway POST /checkout ▲+2 new  130ms · 9 spans"))
        expectAligned(screen)
        assertSnapshot(screen, named: "trace-live-\(width)x\(height)")
    }

    @Test func anOldTraceIsFetchedAgainOnlyWhileItGrows() {
        var (state, effects) = Self.open(refreshAfter: 120_000_000)
        #expect(!effects.contains(.fetch(.trace(id: F.traceID))))
        // `r` reloads by hand; a reload that brings spans makes it live until one brings none.
        F.press([.character("r")], on: &state)
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(Self.grown()))))
        #expect(state.apply(.tick(now: state.now + 2_000_000)).contains(.fetch(.trace(id: F.traceID))))
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(Self.grown()))))
        #expect(!state.apply(.tick(now: state.now + 2_000_000)).contains(.fetch(.trace(id: F.traceID))))
    }
}

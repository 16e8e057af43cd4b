import Testing
@testable import TracetopUI

@Suite("Span search in a trace")
struct SpanSearchTests {
    typealias F = Fixtures

    @Test func matchesServiceOperationAttributeKeysValuesAndEventNamesIgnoringCase() {
        let tree = TraceTree(F.checkout())
        func found(_ text: String) -> [String] { SpanSearch(text, in: tree).matches.map { tree.spans[$0].spanID } }
        #expect(found("BILLING") == ["00000000000000b1"])  // service
        #expect(found("select") == ["00000000000000a2"])  // operation
        #expect(found("http.response") == ["00000000000000b1"])  // attribute key
        #expect(found("502") == ["00000000000000b1"])  // attribute value
        #expect(found("exception") == ["00000000000000b1"])  // event name
        #expect(found("e").count == 7)  // tree order: root first, orphan last
        #expect(found("e").first == "00000000000000a0")
        #expect(found("e").last == "00000000000000e1")
        #expect(found("no such thing").isEmpty)
    }

    @Test func stepsWrapAroundFromTheCursor() {
        let tree = TraceTree(F.checkout())
        let search = SpanSearch("e", in: tree)
        let all = search.matches
        #expect(search.step(from: all[0], forward: true) == 1)
        #expect(search.step(from: all.last, forward: true) == 0)
        #expect(search.step(from: all[0], forward: false) == all.count - 1)
        #expect(search.first(atOrAfter: all[2]) == 2)
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func searchDimsTheOthersAndCountsInTheStatusLine(width: Int, height: Int) {
        var state = F.openCheckout(width: width, height: height)
        F.press([.character("/")] + F.type("order") + [.enter], on: &state)
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.lines[height - 2].contains("1/2 /order (n/N, Esc clears)"))
        assertSnapshot(screen, named: "trace-search-\(width)x\(height)")
        // The gateway row (the waterfall's first) does not match: dimmed, not hidden; the selected match is not.
        let top = PageLayout.trace(width: width, height: height).waterfall.y
        #expect(screen.lines[top].contains("gateway POST /checkout"))
        #expect(screen[6, top].style.dim)
        #expect(!screen[6, top + 1].style.dim)
    }

    @Test func nAndNJumpAndEscClears() {
        var state = F.openCheckout(width: 100, height: 30)
        F.press([.character("/")] + F.type("order") + [.enter], on: &state)
        func selected() -> String? {
            guard case .trace(let trace) = state.page, let span = trace.selectedSpan else { return nil }
            return trace.tree?.spans[span].operationName
        }
        #expect(selected() == "create order")
        F.press([.character("n")], on: &state)
        #expect(selected() == "SELECT orders")
        F.press([.character("n")], on: &state)
        #expect(selected() == "create order")
        F.press([.character("N")], on: &state)
        #expect(selected() == "SELECT orders")
        F.press([.escape], on: &state)
        guard case .trace(let cleared) = state.page else { Issue.record("Esc left the trace"); return }
        #expect(cleared.search == nil)
    }

    /// A live trace refreshes every few seconds: the refresh must not move the count back to the first match
    /// while the cursor stays on another (the tmux test on the Python SDK's traces caught "1/2" beside match 2).
    @Test func aRefreshKeepsWhereNAndNStand() {
        var state = F.openCheckout(width: 100, height: 30)
        F.press([.character("/")] + F.type("order") + [.enter, .character("n")], on: &state)
        func position() -> String? {
            guard case .trace(let trace) = state.page else { return nil }
            return trace.search?.position
        }
        #expect(position() == "2/2")
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(F.checkout()))))
        #expect(position() == "2/2")
        #expect(Renderer.render(state).lines[28].contains("2/2 /order"))
    }

    @Test func aSearchMatchingNothingKeepsThePromptOpen() {
        var state = F.openCheckout(width: 100, height: 30)
        F.press([.character("/")] + F.type("zzz") + [.enter], on: &state)
        #expect(state.prompt?.error?.hasPrefix("no span matches 'zzz'") == true)
        F.press([.escape], on: &state)
        #expect(state.prompt == nil)
    }

    @Test func searchFindsInsideFoldsAndHostileTextStaysSanitised() {
        var state = F.openCheckout(width: 100, height: 30)
        F.press([.character("-")], on: &state)  // collapse all
        F.press([.character("/")] + F.type("\u{1B}[2Jredis") + [.enter], on: &state)
        #expect(state.prompt?.error != nil, "the ESC is dropped at typing time, so the text is '[2Jredis' and matches nothing")
        F.press([.ctrlU] + F.type("redis") + [.enter], on: &state)
        guard case .trace(let trace) = state.page, let span = trace.selectedSpan else { Issue.record("no selection"); return }
        #expect(trace.tree?.spans[span].operationName == "redis GET")
        let screen = Renderer.render(state)
        expectNoControls(screen)
    }

    @Test func hostileNamesStaySanitisedWhileSearching() {
        var state = F.openHostileTrace(width: 80, height: 24)
        F.press([.character("/")] + F.type("evil") + [.enter], on: &state)
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.text.contains("1/1 /evil"))
    }
}

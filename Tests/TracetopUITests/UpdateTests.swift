import Testing
import TracetopAPI
import TracetopUI

@Suite("Key handling on the pure state")
struct UpdateTests {
    typealias F = Fixtures

    private func listPage(_ state: AppState) -> TraceListPage? {
        if case .traces(let list) = state.page { return list }
        return nil
    }

    private func tracePage(_ state: AppState) -> TracePage? {
        if case .trace(let trace) = state.page { return trace }
        return nil
    }

    @Test func startAsksForTraceSummaries() {
        var state = AppState(width: 100, height: 30, collectorLabel: "x")
        #expect(state.start(now: 1) == [.fetch(.traceSummaries(TraceListQuery()))])
    }

    @Test func jkAndArrowsMoveAndGJumps() {
        var state = F.state()
        F.press([.character("j"), .down], on: &state)
        #expect(listPage(state)?.cursor.selected == 2)
        F.press([.character("k")], on: &state)
        #expect(listPage(state)?.cursor.selected == 1)
        F.press([.character("G")], on: &state)
        #expect(listPage(state)?.cursor.selected == 4)
        F.press([.character("g")], on: &state)
        #expect(listPage(state)?.cursor.selected == 0)
        F.press([.up], on: &state)
        #expect(listPage(state)?.cursor.selected == 0)
    }

    @Test func refreshKeepsTheSelectedTraceAndScroll() {
        var state = F.state()
        F.press([.down, .down], on: &state)
        let selected = listPage(state)?.selectedSummary?.traceID
        // A new trace arrives at the top of the list.
        var fresh = F.summaries()
        fresh.append(
            TraceSummaryRow(
                traceID: "99999999999999999999999999999999", rootService: "new", rootOperation: "op", startTime: F.epoch + 9_000_000,
                duration: 1, spanCount: 1))
        _ = state.apply(.response(.traceSummaries(TraceListQuery()), .success(.summaries(fresh))))
        #expect(listPage(state)?.selectedSummary?.traceID == selected)
        #expect(listPage(state)?.cursor.selected == 3)
    }

    @Test func enterOpensTheTraceAndEscGoesBack() {
        var state = F.state()
        let effects = F.press([.character("G"), .enter], on: &state)
        #expect(effects == [.fetch(.trace(id: F.traceID)), .fetch(.traceLogs(traceID: F.traceID))])
        #expect(tracePage(state)?.traceID == F.traceID)
        #expect(tracePage(state)?.correlationIds == ["c-123"])
        F.press([.escape], on: &state)
        #expect(listPage(state) != nil)
        #expect(listPage(state)?.cursor.selected == 4)
    }

    @Test func qQuitsOnlyOnTheFirstViewAndCtrlCQuitsAnywhere() {
        var state = F.state()
        F.press([.enter], on: &state)
        #expect(F.press([.character("q")], on: &state) != [.quit])
        #expect(F.press([.character("q")], on: &state) == [.quit])
        F.press([.enter], on: &state)
        #expect(F.press([.ctrlC], on: &state) == [.quit])
    }

    @Test func spacePausesRefreshAndShowsABadge() {
        var state = F.state()
        F.press([.character(" ")], on: &state)
        #expect(state.paused)
        #expect(state.apply(.tick(now: F.epoch + 60_000_000)).isEmpty)
        #expect(Renderer.render(state).lines[0].contains("PAUSED"))
        let resumed = F.press([.character(" ")], on: &state)
        #expect(resumed == [.fetch(.traceSummaries(TraceListQuery()))])
    }

    @Test func ticksRefreshAboutEveryTwoSeconds() {
        var state = F.state()
        let start = F.epoch + 5_000_000
        #expect(state.apply(.tick(now: start + 1_000_000)).isEmpty)
        #expect(state.apply(.tick(now: start + 2_000_000)) == [.fetch(.traceSummaries(TraceListQuery()))])
        // Still in flight: not sent twice.
        #expect(state.apply(.tick(now: start + 4_000_000)).isEmpty)
    }

    @Test func aRequestThatNeverAnsweredIsSentAgainLater() {
        var state = F.state()
        let start = F.epoch + 5_000_000
        let fetch = [Effect.fetch(.traceSummaries(TraceListQuery()))]
        #expect(state.apply(.tick(now: start + 2_000_000)) == fetch)
        #expect(state.apply(.tick(now: start + 20_000_000)).isEmpty)
        #expect(state.apply(.tick(now: start + 33_000_000)) == fetch)
    }

    @Test func filterPromptAppliesOnEnterAndRevertsOnEsc() {
        var state = F.state()
        F.press([.character("/")] + F.type("service=billing dur>500ms error"), on: &state)
        #expect(state.prompt?.text == "service=billing dur>500ms error")
        F.press([.escape], on: &state)
        #expect(state.prompt == nil)
        #expect(listPage(state)?.query.filter.isEmpty == true)

        F.press([.character("/")] + F.type("service=billing dur>500ms"), on: &state)
        let effects = F.press([.enter], on: &state)
        guard case .fetch(.traceSummaries(let query))? = effects.first else {
            Issue.record("expected a summaries fetch, got \(effects)")
            return
        }
        #expect(query.filter.service == "billing")
        #expect(query.filter.minDuration == 500_000)
        #expect(listPage(state)?.query.filter.text == "service=billing dur>500ms")
    }

    @Test func aBadFilterKeepsThePromptOpenAndSaysWhy() {
        var state = F.state()
        F.press([.character("/")] + F.type("dur>fast"), on: &state)
        #expect(F.press([.enter], on: &state).isEmpty)
        #expect(state.prompt?.error?.contains("dur>fast") == true)
        #expect(Renderer.render(state).lines.last?.contains("a duration looks like") == true)
    }

    @Test func sortKeysCycleAndReverse() {
        var state = F.state()
        F.press([.character("s")], on: &state)
        #expect(listPage(state)?.query.sort == .duration)
        #expect(listPage(state)?.summaries.first?.duration == 2_300_000)
        F.press([.character("S")], on: &state)
        #expect(listPage(state)?.summaries.first?.duration == 450)
    }

    @Test(arguments: [("1", "5m"), ("3", "1h"), ("6", "7d")])
    func lookbackKeys(key: Character, label: String) {
        var state = F.state()
        let effects = F.press([.character(key)], on: &state)
        #expect(state.lookback.label == label)
        if key != "3" {
            #expect(effects == [.fetch(.traceSummaries(TraceListQuery(lookback: state.lookback)))])
        }
    }

    @Test func tabCyclesViewsAndBackTabReturns() {
        var state = F.state()
        F.press([.tab], on: &state)
        #expect(state.tab == 1)
        F.press([.tab], on: &state)
        #expect(state.tab == 2)
        F.press([.backTab, .backTab], on: &state)
        #expect(state.tab == 0)
    }

    @Test func commandsOpenATraceOrACorrelationAndRejectBadIds() {
        var state = F.state()
        F.press([.character(":")] + F.type("trace nothex"), on: &state)
        F.press([.enter], on: &state)
        #expect(state.prompt?.error?.contains("32 hex digits") == true)
        F.press([.ctrlU] + F.type("trace 4BF92F3577B34DA6A3CE929D0E0E4736") + [.enter], on: &state)
        #expect(tracePage(state)?.traceID == F.traceID)
        F.press([.character(":")] + F.type("corr c-123") + [.enter], on: &state)
        guard case .correlation(let page) = state.page else {
            Issue.record("expected the correlation page")
            return
        }
        #expect(page.correlationId == "c-123")
    }

    @Test func staleAnswersAreDropped() {
        var state = F.state()
        F.press([.character("/")] + F.type("service=billing") + [.enter], on: &state)
        // The answer to the old, unfiltered query arrives late.
        _ = state.apply(.response(.traceSummaries(TraceListQuery()), .success(.summaries([]))))
        #expect(listPage(state)?.loaded == false)
    }

    @Test func aCollectorThatIsDownShowsInTheStatusLine() {
        var state = F.state()
        _ = state.apply(
            .response(
                .traceSummaries(TraceListQuery()), .failure(ClientError("collector unreachable at http://127.0.0.1:1: connection refused")))
        )
        #expect(state.connection.error != nil)
        #expect(Renderer.render(state).lines[28].contains("collector down"))
        // The list keeps what it had.
        #expect(listPage(state)?.summaries.count == 5)
    }

    @Test func aSlowCollectorShowsTheWait() {
        var state = F.state()
        _ = state.apply(.tick(now: F.epoch + 7_000_000))
        _ = state.apply(.tick(now: F.epoch + 10_000_000))
        #expect(Renderer.render(state).lines[28].contains("waiting for the collector (3s)"))
    }

    // MARK: trace page

    private func openedTrace(width: Int = 100, height: Int = 30) -> AppState {
        var state = F.state(width: width, height: height)
        F.press([.character("G"), .enter], on: &state)
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(F.checkout()))))
        _ = state.apply(.response(.traceLogs(traceID: F.traceID), .success(.logs(F.checkoutLogs()))))
        return state
    }

    private func selectedName(_ state: AppState) -> String? {
        guard let trace = tracePage(state), let tree = trace.tree, let span = trace.selectedSpan else { return nil }
        return tree.spans[span].operationName
    }

    @Test func hCollapsesThenGoesToTheParentAndLExpands() {
        var state = openedTrace()
        F.press([.down], on: &state)
        #expect(selectedName(state) == "create order")
        F.press([.character("h")], on: &state)
        #expect(tracePage(state)?.rows.count == 5)
        F.press([.character("h")], on: &state)
        #expect(selectedName(state) == "POST /checkout")
        F.press([.down, .character("l")], on: &state)
        #expect(tracePage(state)?.rows.count == 7)
        F.press([.character("-")], on: &state)
        #expect(tracePage(state)?.rows.count == 2)
        F.press([.character("+")], on: &state)
        #expect(tracePage(state)?.rows.count == 7)
    }

    @Test func zoomNarrowsTheAxisAndEscUnzoomsBeforeGoingBack() {
        var state = openedTrace()
        F.press([.character("e")], on: &state)
        #expect(selectedName(state) == "POST /charge")
        F.press([.character("z")], on: &state)
        #expect(tracePage(state)?.zoom == (F.epoch + 30_000)...(F.epoch + 58_000))
        F.press([.escape], on: &state)
        #expect(tracePage(state)?.zoom == nil)
        #expect(tracePage(state) != nil)
    }

    @Test func enterOnALogLineSelectsItsSpan() {
        var state = openedTrace()
        F.press([.tab, .tab], on: &state)
        #expect(tracePage(state)?.focus == .logs)
        F.press([.down, .enter], on: &state)
        #expect(tracePage(state)?.focus == .waterfall)
        #expect(selectedName(state) == "POST /charge")
    }

    @Test func enterOnALogLineExpandsACollapsedParent() {
        var state = openedTrace()
        F.press([.character("-"), .tab, .tab, .down, .enter], on: &state)
        #expect(selectedName(state) == "POST /charge")
    }

    @Test func enterOnALinkFollowsItToTheOtherTrace() {
        var state = openedTrace()
        F.press([.character("G"), .up, .up], on: &state)  // "reserve", which has a link
        #expect(selectedName(state) == "reserve")
        F.press([.enter, .character("G")], on: &state)
        let effects = F.press([.enter], on: &state)
        #expect(tracePage(state)?.traceID == "0af7651916cd43dd8448eb211c80319c")
        #expect(tracePage(state)?.pendingSpanID == "b7ad6b7169203331")
        #expect(effects.contains(.fetch(.trace(id: "0af7651916cd43dd8448eb211c80319c"))))
    }

    @Test func cOpensTheCorrelationViewAndYCopiesTheTraceId() {
        var state = openedTrace()
        #expect(F.press([.character("y")], on: &state) == [.copy(F.traceID)])
        let effects = F.press([.character("c")], on: &state)
        #expect(effects == [.fetch(.correlation(id: "c-123"))])
    }

    @Test func reloadingKeepsFoldsAndSelectionBySpanId() {
        var state = openedTrace()
        F.press([.down, .character("h"), .character("G")], on: &state)  // fold "create order", select the orphan
        let effects = F.press([.character("r")], on: &state)
        #expect(effects == [.fetch(.trace(id: F.traceID)), .fetch(.traceLogs(traceID: F.traceID))])
        // The reload brings a late span first in the list, which renumbers every span.
        var detail = F.checkout()
        detail.spans.insert(F.span("00000000000000d1", parent: "00000000000000a0", "late span", start: 111, end: 119), at: 0)
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(detail))))
        #expect(selectedName(state) == "send receipt")
        #expect(tracePage(state)?.rows.count == 6)
    }

    @Test func resizingKeepsTheSelectionVisible() {
        var state = openedTrace(width: 100, height: 40)
        F.press([.character("G")], on: &state)
        _ = state.apply(.resize(width: 60, height: 14))
        guard let trace = tracePage(state) else { return }
        let visible = PageLayout.trace(width: 60, height: 14).waterfall.height
        #expect(trace.cursor.selected >= trace.cursor.top)
        #expect(trace.cursor.selected < trace.cursor.top + visible)
    }
}

@Suite("Mouse and hostile numbers")
struct MouseAndNumbersTests {
    typealias F = Fixtures

    @Test func aClickSelectsTheRowUnderIt() {
        var state = F.state(width: 100, height: 30)
        let list = PageLayout.traceList(width: 100, height: 30).list
        F.press([.click(x: 10, y: list.y + 2)], on: &state)
        guard case .traces(let page) = state.page else { return }
        #expect(page.cursor.selected == 2)
        // Outside the list: nothing changes.
        F.press([.click(x: 10, y: 0)], on: &state)
        guard case .traces(let after) = state.page else { return }
        #expect(after.cursor.selected == 2)
    }

    @Test func extremeTimesAndDurationsNeitherTrapNorMisdraw() {
        var state = F.state(width: 100, height: 30)
        let hostile = [
            TraceSummaryRow(
                traceID: "a", rootService: "s", rootOperation: "o", startTime: .min, duration: .max, spanCount: .max, errorCount: -1),
            TraceSummaryRow(traceID: "b", rootService: "s", rootOperation: "o", startTime: .max, duration: -5, spanCount: 0)
        ]
        _ = state.apply(.response(.traceSummaries(TraceListQuery()), .success(.summaries(hostile))))
        expectAligned(Renderer.render(state))
        F.press([.enter], on: &state)
        guard case .trace(let page) = state.page else { return }
        let trace = TraceDetail(
            traceID: page.traceID,
            spans: [
                TraceSpan(traceID: page.traceID, spanID: "1", operationName: "root", startTime: .max, duration: .max, processID: "p"),
                TraceSpan(
                    traceID: page.traceID, spanID: "2", parentSpanID: "1", operationName: "child",
                    startTime: .min, duration: .min, logs: [SpanEventRecord(timestamp: .min, fields: [])], processID: "p")
            ], processes: [:])
        _ = state.apply(.response(.trace(id: page.traceID), .success(.trace(trace))))
        F.press([.down, .character("z")], on: &state)
        let screen = Renderer.render(state)
        expectAligned(screen)
        #expect(screen.text.contains("child"))
    }
}

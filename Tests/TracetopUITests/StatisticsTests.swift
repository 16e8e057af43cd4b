import Testing
@testable import TracetopUI

@Suite("Trace statistics")
struct StatisticsTests {
    typealias F = Fixtures

    @Test func selfTimeSubtractsTheUnionOfChildrenClippedToTheSpan() {
        let tree = TraceTree(
            TraceDetail(
                traceID: F.traceID,
                spans: [
                    F.span("00000000000000a0", "root", start: 0, end: 100),
                    // Two overlapping children (10-50 ∪ 30-60 = 50ms) and one poking out of the parent (90-130 → 10ms).
                    F.span("00000000000000a1", parent: "00000000000000a0", "a", start: 10, end: 50),
                    F.span("00000000000000a2", parent: "00000000000000a0", "b", start: 30, end: 60),
                    F.span("00000000000000a3", parent: "00000000000000a0", "c", start: 90, end: 130)
                ], processes: F.processes))
        #expect(SelfTime.of(tree).map { $0 / 1000 } == [40, 40, 30, 40])
    }

    @Test func perOperationSortedBySelfTime() {
        let tree = TraceTree(F.checkout())
        let rows = TraceStatistics.sorted(TraceStatistics.rows(tree, grouping: .operation), by: .selfTime, descending: true)
        #expect(
            rows.map(\.name) == [
                "inventory reserve", "billing POST /charge", "gateway POST /checkout", "orders SELECT orders",
                "email send receipt", "orders create order", "inventory redis GET"
            ])
        #expect(rows.map { $0.selfTime / 1000 } == [43, 28, 17, 15, 15, 12, 5])
        #expect(StatisticsView.percent(rows[0].share) == "36%")
        #expect(tree.spans[rows[0].firstSpan].spanID == "00000000000000c1")
    }

    @Test func perServiceCountsTotalsMinimaAndMaxima() {
        let rows = TraceStatistics.rows(TraceTree(F.checkout()), grouping: .service)
        let orders = rows.first { $0.service == "orders" }
        #expect(orders?.operation == nil)
        #expect(orders?.count == 2)
        #expect(orders?.total == 70_000)
        #expect(orders?.selfTime == 27_000)
        #expect(orders?.minimum == 15_000)
        #expect(orders?.maximum == 55_000)
        #expect(orders?.average == 35_000)
        let byCount = TraceStatistics.sorted(rows, by: .count, descending: true)
        #expect(byCount.first?.count == 2)
        #expect(
            TraceStatistics.sorted(rows, by: .name, descending: false).map(\.service) == [
                "billing", "email", "gateway", "inventory", "orders"
            ])
    }

    static func openStatistics(width: Int, height: Int) -> AppState {
        var state = F.openCheckout(width: width, height: height)
        F.press([.character("t")], on: &state)
        return state
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func statisticsView(width: Int, height: Int) {
        let state = Self.openStatistics(width: width, height: height)
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.text.contains("Self▼"))
        assertSnapshot(screen, named: "trace-statistics-\(width)x\(height)")
    }

    @Test func keysSortGroupAndJumpToTheFirstSpan() {
        var state = Self.openStatistics(width: 100, height: 30)
        F.press([.character("s")], on: &state)  // self → avg
        guard case .trace(let sorted) = state.page else { Issue.record("not a trace page"); return }
        #expect(sorted.statistics.column == .average)
        #expect(sorted.statistics.rows.first?.name == "gateway POST /checkout")
        F.press([.character("S")], on: &state)
        guard case .trace(let reversed) = state.page else { return }
        #expect(reversed.statistics.rows.first?.name == "inventory redis GET")
        F.press([.character("o")], on: &state)
        guard case .trace(let services) = state.page else { return }
        #expect(services.statistics.rows.allSatisfy { $0.operation == nil })
        // A re-sort keeps the selected group selected: `g` goes back to the top first.
        F.press([.character("o"), .character("S"), .character("g"), .character("j"), .enter], on: &state)
        guard case .trace(let jumped) = state.page, let span = jumped.selectedSpan else { Issue.record("no span selected"); return }
        #expect(jumped.mode == .waterfall)
        #expect(jumped.tree?.spans[span].operationName == "create order")  // the second-longest average: 55ms
        F.press([.character("t"), .escape], on: &state)
        guard case .trace(let back) = state.page else { return }
        #expect(back.mode == .waterfall)
    }

    @Test func hostileNamesStaySanitisedInTheTable() {
        var state = F.openHostileTrace(width: 80, height: 24)
        F.press([.character("t")], on: &state)
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.text.contains("支払い␛[2J"))
    }
}

import Testing
import TracetopAPI
@testable import TracetopUI

@Suite("Compare two traces")
struct CompareTests {
    typealias F = Fixtures
    static let typicalID = "55555555555555555555555555555555"

    /// The checkout as it usually goes: faster, a cache lookup the slow one skipped, no receipt orphan.
    static func typical() -> TraceDetail {
        let id = typicalID
        return TraceDetail(
            traceID: id,
            spans: [
                F.span("00000000000000a0", "POST /checkout", start: 0, end: 60, traceID: id),
                F.span("00000000000000a1", parent: "00000000000000a0", "create order", process: "p2", start: 5, end: 40, traceID: id),
                F.span("00000000000000a3", parent: "00000000000000a1", "cache GET", process: "p2", start: 6, end: 8, traceID: id),
                F.span("00000000000000a2", parent: "00000000000000a1", "SELECT orders", process: "p2", start: 10, end: 20, traceID: id),
                F.span("00000000000000b1", parent: "00000000000000a1", "POST /charge", process: "p3", start: 20, end: 38, traceID: id),
                F.span("00000000000000c1", parent: "00000000000000a0", "reserve", process: "p4", start: 42, end: 58, traceID: id),
                F.span("00000000000000c2", parent: "00000000000000c1", "redis GET", process: "p4", start: 43, end: 46, traceID: id)
            ], processes: F.processes)
    }

    static func describe(_ rows: [TraceComparison.Row]) -> [String] {
        rows.map { row in
            let side = row.left == nil ? "+" : row.right == nil ? "-" : " "
            let duration = { (value: Int64?) in value.map { String($0 / 1000) } ?? "—" }
            return "\(side)\(row.depth) \(row.operation) \(duration(row.leftDuration))→\(duration(row.rightDuration))"
        }
    }

    @Test func mergesByServiceOperationAndPositionAmongSiblings() {
        let comparison = TraceComparison(left: TraceTree(Self.typical()), right: TraceTree(F.checkout()))
        #expect(
            Self.describe(comparison.rows) == [
                " 0 POST /checkout 60→120", " 1 create order 35→55", "-2 cache GET 2→—", " 2 SELECT orders 10→15",
                " 2 POST /charge 18→28", " 1 reserve 16→48", " 2 redis GET 3→5", "+0 send receipt —→15"
            ])
        #expect(
            Self.describe(comparison.sortedByDifference()).prefix(4) == [
                " 0 POST /checkout 60→120", " 1 reserve 16→48", " 1 create order 35→55", "+0 send receipt —→15"
            ])
    }

    @Test func repeatedOperationsPairInOrder() {
        func retries(_ count: Int, id: String) -> TraceTree {
            var spans = [F.span("00000000000000a0", "charge", start: 0, end: 100, traceID: id)]
            for index in 1...count {
                spans.append(
                    F.span(
                        "00000000000000b\(index)", parent: "00000000000000a0", "POST /v1/charges", start: Int64(index * 10),
                        end: Int64(index * 10 + index), traceID: id))
            }
            return TraceTree(TraceDetail(traceID: id, spans: spans, processes: F.processes))
        }
        let rows = TraceComparison(left: retries(1, id: Self.typicalID), right: retries(3, id: F.traceID)).rows
        #expect(
            Self.describe(rows) == [" 0 charge 100→100", " 1 POST /v1/charges 1→1", "+1 POST /v1/charges —→2", "+1 POST /v1/charges —→3"])
    }

    @Test func typicalTraceIsTheRootOperationsNearestToItsP50() {
        let rows = [
            LatencyRow(
                service: "gateway", operation: "POST /checkout", spanKind: "server", count: 50, ratePerSecond: 1, errorCount: 0,
                errorRate: 0, p50: 60_000, p95: 0, p99: 0),
            LatencyRow(
                service: "gateway", operation: "POST /checkout", spanKind: "client", count: 2, ratePerSecond: 1, errorCount: 0,
                errorRate: 0, p50: 1, p95: 0, p99: 0)
        ]
        #expect(TypicalTrace.p50(rows, service: "gateway", operation: "POST /checkout") == 60_000)
        let summaries = [
            TraceSummaryRow(
                traceID: "a", rootService: "gateway", rootOperation: "POST /checkout", startTime: 0, duration: 90_000, spanCount: 3),
            TraceSummaryRow(
                traceID: "b", rootService: "gateway", rootOperation: "POST /checkout", startTime: 0, duration: 55_000, spanCount: 3),
            TraceSummaryRow(
                traceID: "c", rootService: "orders", rootOperation: "POST /checkout", startTime: 0, duration: 60_000, spanCount: 3),
            TraceSummaryRow(
                traceID: "self", rootService: "gateway", rootOperation: "POST /checkout", startTime: 0, duration: 60_000, spanCount: 3)
        ]
        #expect(
            TypicalTrace.nearest(summaries, service: "gateway", operation: "POST /checkout", p50: 60_000, excluding: "self")?.traceID == "b"
        )
        let query = TypicalTrace.query(service: "gateway", operation: "POST /checkout", p50: 60_000, lookback: .hour)
        #expect(query.filter.minDuration == 30_000 && query.filter.maxDuration == 120_000 && query.sort == .duration)
    }

    /// `D`: latency → candidates → baseline, each answer asking for the next.
    static func compareWithTypical(width: Int, height: Int) -> AppState {
        var state = F.openCheckout(width: width, height: height)
        let first = F.press([.character("D")], on: &state)
        #expect(first == [.fetch(.latency(.hour))])
        let latency = [
            LatencyRow(
                service: "gateway", operation: "POST /checkout", count: 40, ratePerSecond: 1, errorCount: 0, errorRate: 0, p50: 58_000,
                p95: 100_000, p99: 130_000)
        ]
        let second = state.apply(.response(.latency(.hour), .success(.latency(latency))))
        let query = TypicalTrace.query(service: "gateway", operation: "POST /checkout", p50: 58_000, lookback: .hour)
        #expect(second == [.fetch(.traceSummaries(query))])
        let candidates = [
            TraceSummaryRow(
                traceID: Self.typicalID, rootService: "gateway", rootOperation: "POST /checkout", startTime: F.epoch, duration: 60_000,
                spanCount: 7),
            TraceSummaryRow(
                traceID: "66666666666666666666666666666666", rootService: "gateway", rootOperation: "POST /checkout", startTime: F.epoch,
                duration: 100_000, spanCount: 7)
        ]
        let third = state.apply(.response(.traceSummaries(query), .success(.summaries(candidates))))
        #expect(third == [.fetch(.trace(id: Self.typicalID))])
        _ = state.apply(.response(.trace(id: Self.typicalID), .success(.trace(Self.typical()))))
        return state
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func compareView(width: Int, height: Int) {
        var state = Self.compareWithTypical(width: width, height: height)
        var screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.text.contains("vs typical (nearest p50 58ms) 55555555… 60ms → this 120ms"))
        #expect(screen.text.contains("+60ms"))
        assertSnapshot(screen, named: "trace-compare-\(width)x\(height)")
        F.press([.character("s")], on: &state)
        screen = Renderer.render(state)
        assertSnapshot(screen, named: "trace-compare-sorted-\(width)x\(height)")
    }

    @Test func enterGoesToThisTracesSpanAndOneSidedBaselineRowsSaySo() {
        var state = Self.compareWithTypical(width: 100, height: 30)
        F.press([.character("j"), .character("j"), .enter], on: &state)  // "cache GET": only in the baseline
        #expect(state.notice?.text == "this span is only in the baseline trace")
        F.press([.character("j"), .enter], on: &state)
        guard case .trace(let trace) = state.page, let span = trace.selectedSpan else { Issue.record("no selection"); return }
        #expect(trace.mode == .waterfall)
        #expect(trace.tree?.spans[span].operationName == "SELECT orders")
    }

    @Test func markThenEnterAndDiffCommandCompareChosenTraces() {
        var state = F.state()
        F.press([.character("d"), .character("G")], on: &state)  // mark the newest, go to the checkout
        let effects = F.press([.enter], on: &state)
        let newest = "44444444444444444444444444444444"
        #expect(effects.contains(.fetch(.trace(id: newest))))
        guard case .trace(let page) = state.page else { Issue.record("no trace page"); return }
        #expect(page.mode == .compare && page.compare?.baselineID == newest && page.traceID == F.traceID)

        F.press([.escape, .escape, .escape], on: &state)
        F.press([.character(":")] + F.type("diff \(Self.typicalID) \(F.traceID)") + [.enter], on: &state)
        // The baseline may arrive first: the comparison is made once both are in.
        _ = state.apply(.response(.trace(id: Self.typicalID), .success(.trace(Self.typical()))))
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(F.checkout()))))
        guard case .trace(let diff) = state.page else { Issue.record("no trace page"); return }
        #expect(diff.compare?.rows.count == 8)
        F.press([.character(":")] + F.type("diff abc") + [.enter], on: &state)
        #expect(state.prompt?.error?.hasPrefix("':diff' needs two trace ids") == true)
    }

    @Test func noTypicalTraceSaysWhy() {
        var state = F.openCheckout(width: 100, height: 30)
        F.press([.character("D")], on: &state)
        _ = state.apply(.response(.latency(.hour), .success(.latency([]))))
        #expect(Renderer.render(state).text.contains("no latency recorded for gateway POST /checkout in the last 1h"))
    }

    @Test func hostileNamesStaySanitisedInTheComparison() {
        var state = F.state(width: 80, height: 24)
        F.press([.character(":")] + F.type("diff \(Self.typicalID) \(F.traceID)") + [.enter], on: &state)
        _ = state.apply(.response(.trace(id: Self.typicalID), .success(.trace(Self.typical()))))
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(F.hostileTrace()))))
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.text.contains("+ 支払い␛[2J"))
    }
}

import Testing
import TracetopAPI
import TracetopUI

@Suite("Rendered screens of the other views")
struct ViewSnapshotTests {
    typealias F = Fixtures

    static func latencyRows() -> [LatencyRow] {
        let series: [LatencyRow.Bucket] = (0..<40).map { (index: Int) -> LatencyRow.Bucket in
            let p95 = Int64(10_000 + (index * 7919) % 50_000)
            return LatencyRow.Bucket(start: F.epoch + Int64(index) * 60_000_000, count: index % 7 == 0 ? 0 : 5, p95: p95)
        }
        return [
            LatencyRow(
                service: "gateway", operation: "POST /checkout", count: 1200, ratePerSecond: 0.33, errorCount: 12, errorRate: 0.01,
                p50: 12_000, p95: 45_000, p99: 120_000, series: series),
            LatencyRow(
                service: "billing", operation: "POST /charge", count: 300, ratePerSecond: 123.4, errorCount: 0, errorRate: 0, p50: 800,
                p95: 2_500, p99: 9_000, series: series),
            LatencyRow(
                service: "支払いサービス", operation: "請求書を作成する非常に長い操作名です", count: 3, ratePerSecond: 0.01, errorCount: 1, errorRate: 0.3333,
                p50: 1_500_000, p95: 2_000_000, p99: 2_100_000)
        ]
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func servicesView(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        F.press([.tab, .tab], on: &state)
        _ = state.apply(.response(.latency(.hour), .success(.latency(Self.latencyRows()))))
        let counts = [0, 1, 3, 9, 20, 12, 6, 4, 2, 1, 0, 2]
        let buckets = counts.indices.map { OperationHistogram.Bucket(le: Int64(1000 << $0), count: counts[$0]) }
        let histogram = OperationHistogram(service: "billing", operation: "POST /charge", count: 60, buckets: buckets)
        _ = state.apply(
            .response(.histogram(service: "billing", operation: "POST /charge", lookback: .hour), .success(.histogram(histogram))))
        let screen = Renderer.render(state)
        expectAligned(screen)
        assertSnapshot(screen, named: "services-\(width)x\(height)")
    }

    @Test func servicesEnterListsTheOperationsSlowestTraces() {
        var state = F.state()
        F.press([.tab, .tab], on: &state)
        _ = state.apply(.response(.latency(.hour), .success(.latency(Self.latencyRows()))))
        let effects = F.press([.enter], on: &state)
        guard case .fetch(.traceSummaries(let query))? = effects.first else {
            Issue.record("expected a summaries fetch, got \(effects)")
            return
        }
        #expect(query.sort == .duration)
        #expect(query.filter.service == "billing")
        #expect(query.filter.operation == "POST /charge")
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func logsView(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        F.press([.tab], on: &state)
        var lines = F.checkoutLogs()
        lines.append(
            LogLine(
                timestamp: F.epoch + 300_000, service: "evil\u{1B}[31m", severityNumber: 21,
                body: "boom\u{1B}]0;pwned\u{07} 支払い失敗 \u{202E}txet", traceID: "33333333333333333333333333333333"))
        _ = state.apply(.response(.logs(LogListQuery()), .success(.logs(lines.reversed()))))
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        assertSnapshot(screen, named: "logs-\(width)x\(height)")
    }

    @Test func logsEnterOpensTheTraceAtTheLinesSpan() {
        var state = F.state()
        F.press([.tab], on: &state)
        _ = state.apply(.response(.logs(LogListQuery()), .success(.logs(F.checkoutLogs().reversed()))))
        F.press([.up, .enter], on: &state)  // from the newest (unlinked) line up to the billing error
        guard case .trace(let trace) = state.page else {
            Issue.record("expected the trace page")
            return
        }
        #expect(trace.pendingSpanID == "00000000000000b1")
    }

    @Test func correlationView() {
        var state = F.state()
        F.press([.character(":")] + F.type("corr c-123") + [.enter], on: &state)
        let value = Correlation(correlationId: "c-123", traces: Array(F.summaries().prefix(2)), logs: F.checkoutLogs())
        _ = state.apply(.response(.correlation(id: "c-123"), .success(.correlation(value))))
        let screen = Renderer.render(state)
        expectAligned(screen)
        assertSnapshot(screen, named: "correlation-100x30")
    }

    @Test func traceWithHostileAndWideNames() {
        var state = F.state(width: 90, height: 24)
        F.press([.character(":")] + F.type("trace " + F.traceID) + [.enter], on: &state)
        let processes: [String: TraceDetail.Process] = [
            "p1": .init(serviceName: "支払い\u{1B}[2J"), "p2": .init(serviceName: "e\u{301}vil\u{9B}")
        ]
        let trace = TraceDetail(
            traceID: F.traceID,
            spans: [
                F.span("00000000000000a0", "請求 🚀 with a very long operation name that cannot fit in the column", start: 0, end: 100),
                F.span(
                    "00000000000000a1", parent: "00000000000000a0", "\u{202E}evil\u{0}\u{7}name", process: "p2", start: 20, end: 80,
                    error: true)
            ], processes: processes)
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(trace))))
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        assertSnapshot(screen, named: "trace-hostile-90x24")
    }

    @Test func smallestTraceViewStillShowsTheWaterfall() {
        var state = F.state(width: 60, height: 14)
        F.press([.character("G"), .enter], on: &state)
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(F.checkout()))))
        let screen = Renderer.render(state)
        expectAligned(screen)
        assertSnapshot(screen, named: "trace-60x14")
    }

    @Test func filterPromptShowsAnExample() {
        var state = F.state(width: 120, height: 20)
        F.press([.character("/")], on: &state)
        let screen = Renderer.render(state)
        #expect(screen.lines.last?.hasPrefix("/█  e.g. service=billing") == true)
        assertSnapshot(screen, named: "filter-prompt-120x20")
    }

    @Test func zoomedWaterfallScalesTheAxisToTheSpan() {
        var state = F.state(width: 100, height: 30)
        F.press([.character("G"), .enter], on: &state)
        _ = state.apply(.response(.trace(id: F.traceID), .success(.trace(F.checkout()))))
        F.press([.character("e"), .character("z")], on: &state)
        let screen = Renderer.render(state)
        #expect(screen.lines[1].contains("zoom +30ms…+58ms"))
        assertSnapshot(screen, named: "trace-zoomed-100x30")
    }
}

import Testing
@testable import TracetopUI

/// `tracetop --file`: every view says it shows a file, none names a lookback that does not apply, and the keys
/// that only steer a collector (1-6, space, r, c) say why they do nothing instead of pretending.
@Suite("Offline views (--file) say they show a file")
struct OfflineViewsTests {
    typealias F = Fixtures

    /// tracetop on a file holding the fixture checkout and its typical trace, as `Tracetop.run` builds it and the
    /// run loop answers it (every fetch from the file).
    static func offlineState(width: Int, height: Int) -> (AppState, OfflineTraces) {
        let offline = OfflineTraces(name: "slow.json", traces: [F.checkout(), CompareTests.typical()])
        var state = AppState(
            width: width, height: height, collectorLabel: "file slow.json · 2 traces, 13 spans", source: .file(name: "slow.json"))
        answer(state.start(now: F.epoch + 5_000_000), from: offline, into: &state)
        return (state, offline)
    }

    static func answer(_ effects: [Effect], from offline: OfflineTraces, into state: inout AppState) {
        var pending = effects
        while !pending.isEmpty {
            var next: [Effect] = []
            for case .fetch(let request) in pending { next += state.apply(.response(request, offline.answer(request))) }
            pending = next
        }
    }

    static func press(_ keys: [Key], _ state: inout AppState, _ offline: OfflineTraces) {
        for key in keys { answer(state.apply(.key(key)), from: offline, into: &state) }
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func everyViewNamesTheFileAndNoLookback(width: Int, height: Int) {
        let (opened, offline) = Self.offlineState(width: width, height: height)
        var state = opened
        let list = Renderer.render(state).text
        assertSnapshot(Renderer.render(state), named: "offline-traces-\(width)x\(height)")
        #expect(list.contains("file slow.json"))
        #expect(list.contains("● offline: file slow.json"))
        Self.press([.enter], &state, offline)
        let trace = Renderer.render(state).text
        #expect(trace.contains("no log lines: tracetop --file reads traces only") || width < 120)
        Self.press([.escape], &state, offline)
        for tab in 1...3 {
            Self.press([.tab], &state, offline)
            let screen = Renderer.render(state).text
            #expect(!screen.contains("lookback") && !screen.contains("last 1h"), "tab \(tab):\n\(screen)")
            if tab == 1 { #expect(screen.contains("No log lines: slow.json holds traces only")) }
            if tab == 3 { #expect(screen.contains("Service map · file slow.json")) }
        }
        for text in [list, trace] {
            #expect(!text.contains("lookback") && !text.contains("last 1h") && !text.contains("␣ pause"), "\(text)")
        }
        state.showHelp = true
        #expect(!Renderer.render(state).text.contains("lookback"))
    }

    @Test func collectorKeysSayWhyTheyDoNothing() {
        let (opened, offline) = Self.offlineState(width: 100, height: 30)
        var state = opened
        Self.press([.character("3")], &state, offline)
        #expect(state.notice?.text == "a file has no lookback: every trace in it is listed")
        #expect(state.lookback == .hour)
        Self.press([.character(" ")], &state, offline)
        #expect(!state.paused && state.notice?.text.contains("nothing to pause") == true)
        #expect(state.apply(.key(.character("r"))).isEmpty)
        // Nothing is fetched again on the refresh ticks, even for a trace whose spans are recent.
        Self.press([.enter], &state, offline)
        #expect(state.apply(.tick(now: F.epoch + 60_000_000)).isEmpty)
        // The correlation view needs the collector's index: c says so and the trace stays open.
        Self.press([.character("c")], &state, offline)
        #expect(state.notice?.text.contains("a file has no correlation view") == true)
        guard case .trace = state.page else { Issue.record("c left the trace for \(state.page)"); return }
        #expect(!Renderer.render(state).text.contains("c correlation"))
        // With a collector the same keys still work.
        var live = F.state()
        _ = live.apply(.key(.character("3")))
        #expect(live.lookback == Lookback(rawValue: 3))
    }
}

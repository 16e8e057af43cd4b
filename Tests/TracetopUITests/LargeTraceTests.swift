import Testing
import TracetopUI

/// A 10,000-span trace must open and scroll. Timing is reported by `swift test -c release --filter LargeTrace`
/// (performance is measured, not asserted); the test checks that every frame is drawn correctly.
@Suite("A 10,000-span trace")
struct LargeTraceTests {
    static func bigTrace() -> TraceDetail {
        var spans: [SpanRecord] = [Fixtures.span("0000000000000001", "root", start: 0, end: 100_000)]
        for index in 2...10_000 {
            let parent = index <= 100 ? 1 : (index % 100) + 1
            spans.append(Fixtures.span(hex(index), parent: hex(parent), "op-\(index)", process: "p\(index % 5 + 1)",
                                       start: Int64(index * 5), end: Int64(index * 5 + 2_000), error: index % 997 == 0))
        }
        return TraceDetail(traceID: Fixtures.traceID, spans: spans, processes: Fixtures.processes)
    }

    static func hex(_ value: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @Test func opensAndScrolls() {
        let trace = Self.bigTrace()
        var state = Fixtures.state(width: 200, height: 60)
        Fixtures.press([.character(":")] + Fixtures.type("trace " + Fixtures.traceID) + [.enter], on: &state)

        let clock = ContinuousClock()
        let firstFrameStart = clock.now
        _ = state.apply(.response(.trace(id: Fixtures.traceID), .success(.trace(trace))))
        var screen = Renderer.render(state)
        let firstFrame = clock.now - firstFrameStart
        #expect(screen.text.contains("10000 spans"))

        var keyFrames: [Duration] = []
        for key in [Key.pageDown, .pageDown, .character("j"), .character("G"), .character("k"), .character("h"), .character("g"), .character("-"), .character("+")] {
            let start = clock.now
            _ = state.apply(.key(key))
            screen = Renderer.render(state)
            keyFrames.append(clock.now - start)
        }
        expectAligned(screen)
        print("large trace: first frame \(firstFrame), slowest key redraw \(keyFrames.max()!), keys \(keyFrames)")
    }
}

import Foundation
import TracetopUI

/// The trace view's other views on the same big trace (#19): statistics (`t`), flame graph (`f`), span
/// search (`/`) and the comparison (`:diff`, the trace against a copy of itself under another id). For each,
/// the first frame (the key or answer that opens it, the state update and the drawing) and the keys used
/// inside it, timed like the waterfall's. The why-line is computed when the trace arrives, so it is part of
/// the waterfall's first frame.
struct TracetopViewBenchmark {
    struct Figure {
        var view: String
        var firstFrameMillis: Double
        var keyMillis: Double
        var slowestKeyMillis: Double
        var keys: Int
    }

    static let baselineID = "7ace70b0000000010000000000000bb1"

    /// (name, what opens it, keys inside it)
    static let views: [(String, [Key], [Key])] = [
        (
            "statistics (t)", [.character("t")],
            [.character("j"), .character("s"), .character("S"), .character("o"), .character("o"), .character("G")]
        ),
        (
            "flame graph (f)", [.character("f")],
            [.character("j"), .character("j"), .character("l"), .character("h"), .character("k"), .enter, .escape]
        ),
        (
            "span search (/)", Array("/op-12".map { Key.character($0) }) + [.enter],
            [.character("n"), .character("n"), .character("N"), .character("j")]
        )
    ]

    let trace: TraceDetail
    let runs: Int
    let open: (TraceDetail) -> AppState

    func measure() -> [Figure] {
        var figures: [Figure] = []
        for (name, opening, keys) in Self.views {
            var firsts: [Double] = [], keyTimes: [Double] = []
            for _ in 0..<runs {
                var state = open(trace)
                // Typing the search text is not the search: only its last key (Enter) is timed.
                for key in opening.dropLast() { _ = state.apply(.key(key)) }
                firsts.append(
                    Self.time {
                        _ = state.apply(.key(opening.last!)); _ = Renderer.render(state)
                    })
                for key in keys {
                    keyTimes.append(
                        Self.time {
                            _ = state.apply(.key(key)); _ = Renderer.render(state)
                        })
                }
            }
            figures.append(
                Figure(
                    view: name, firstFrameMillis: Statistics.median(firsts), keyMillis: Statistics.median(keyTimes),
                    slowestKeyMillis: keyTimes.max() ?? .nan, keys: keyTimes.count))
        }
        figures.append(measureCompare())
        return figures
    }

    /// `:diff`: both traces asked for; the first frame is the second answer arriving (the merge) and its drawing.
    private func measureCompare() -> Figure {
        var firsts: [Double] = [], keyTimes: [Double] = []
        let keys: [Key] = [.character("j"), .character("s"), .character("j"), .character("s"), .character("G")]
        var baseline = trace
        baseline.traceID = Self.baselineID
        for _ in 0..<runs {
            var state = open(trace)
            for key in ":diff \(Self.baselineID) \(trace.traceID)".map({ Key.character($0) }) + [.enter] { _ = state.apply(.key(key)) }
            _ = state.apply(.response(.trace(id: trace.traceID), .success(.trace(trace))))
            firsts.append(
                Self.time {
                    _ = state.apply(.response(.trace(id: Self.baselineID), .success(.trace(baseline))))
                    _ = Renderer.render(state)
                })
            for key in keys {
                keyTimes.append(
                    Self.time {
                        _ = state.apply(.key(key)); _ = Renderer.render(state)
                    })
            }
        }
        return Figure(
            view: "compare (:diff, D)", firstFrameMillis: Statistics.median(firsts), keyMillis: Statistics.median(keyTimes),
            slowestKeyMillis: keyTimes.max() ?? .nan, keys: keyTimes.count)
    }

    private static func time(_ body: () -> Void) -> Double {
        let started = ContinuousClock.now
        body()
        return (ContinuousClock.now - started).seconds * 1000
    }
}

/// A trace compared with another (`D`: its operation's typical trace; `d` then Enter in the list, or
/// `:diff A B`: a chosen one). The other trace is the baseline (left); the page's own trace is on the right,
/// so a positive difference means "this trace spent longer here".
package struct CompareState: Sendable {
    package enum Step: Hashable, Sendable {
        /// Waiting for `/api/latency` to give the root operation's p50.
        case latency
        /// Waiting for the trace summaries near that p50.
        case candidates(TraceListQuery)
        /// Waiting for (or holding) the baseline trace.
        case baseline
        case failed(String)
    }

    package var step: Step
    package var baselineID: String?
    package var baseline: TraceTree?
    /// The root operation's p50, when comparing with the typical trace.
    package var p50: Int64?
    package private(set) var comparison: TraceComparison?
    package private(set) var sortedByDifference = false
    /// The rows in the order shown (tree order, or by largest difference after `s`), kept so a key that
    /// only moves the cursor does not sort 10,000 rows again.
    package private(set) var rows: [TraceComparison.Row] = []
    package var cursor = ListCursor()

    /// Compare with the typical trace of the root operation (found step by step).
    package static var typical: CompareState { CompareState(step: .latency) }

    /// Compare with a chosen trace.
    package static func with(_ traceID: String) -> CompareState { CompareState(step: .baseline, baselineID: traceID) }

    /// The baseline arrived; the rows are merged once the page's own trace is there too.
    mutating func setBaseline(_ baseline: TraceTree, with tree: TraceTree?) {
        self.baseline = baseline
        if let tree { compare(baseline: baseline, with: tree) }
    }

    mutating func compare(baseline: TraceTree, with tree: TraceTree) {
        self.baseline = baseline
        comparison = TraceComparison(left: baseline, right: tree)
        rows = sortedByDifference ? comparison?.sortedByDifference() ?? [] : comparison?.rows ?? []
    }

    mutating func toggleSort() {
        sortedByDifference.toggle()
        rows = sortedByDifference ? comparison?.sortedByDifference() ?? [] : comparison?.rows ?? []
        cursor = ListCursor()
    }

    /// What the header says while the comparison is not ready.
    package var progress: String? {
        switch step {
        case .latency: return "finding the operation's p50 (/api/latency)…"
        case .candidates: return "finding a trace near the p50 (/api/trace-summaries)…"
        case .baseline: return baseline == nil ? "loading trace \(baselineID ?? "")…" : nil
        case .failed(let message): return message
        }
    }
}

extension WhyLine {
    /// Well-known signals, the first span of each kind in time order: a 429 or 503 answer, a timeout, an
    /// open circuit breaker, a compensation or rollback. One pass in span order, keeping the earliest of each kind
    /// (start time, then position), rather than sorting 10,000 spans by time first.
    static func signals(_ tree: TraceTree) -> [Fact] {
        var found = [Found?](repeating: nil, count: Signal.allCases.count)
        for span in tree.spans.indices {
            let record = tree.spans[span]
            let at = (record.startTime, span)
            func wanted(_ signal: Signal) -> Bool { found[signal.rawValue].map { at < $0.at } ?? true }
            func keep(_ signal: Signal, _ text: String) {
                found[signal.rawValue] = Found(at: at, fact: Fact(kind: .signal, span: span, text: text))
            }
            if wanted(.throttled) || wanted(.unavailable), let status = SpanFacts.httpStatus(record) {
                if status == 429, wanted(.throttled) { keep(.throttled, "429 Too Many Requests at \(label(tree, span))") }
                if status == 503, wanted(.unavailable) { keep(.unavailable, "503 Unavailable at \(label(tree, span))") }
            }
            if wanted(.timeout), SpanFacts.isTimeout(record) { keep(.timeout, "timeout in \(label(tree, span))") }
            if wanted(.breaker), let state = SpanFacts.circuitBreakerState(record) {
                keep(.breaker, "circuit breaker \(state) at \(label(tree, span))")
            }
            if wanted(.undo), let kind = SpanFacts.undoKind(record) { keep(.undo, "\(kind): \(label(tree, span))") }
        }
        return found.compactMap { $0?.fact }
    }

    /// In the order the facts are listed.
    private enum Signal: Int, CaseIterable { case throttled, unavailable, timeout, breaker, undo }

    private struct Found {
        var at: (Int64, Int)
        var fact: Fact
    }
}

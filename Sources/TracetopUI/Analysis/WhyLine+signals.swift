extension WhyLine {
    /// Well-known signals, the first span of each kind in time order: a 429 or 503 answer, a timeout, an
    /// open circuit breaker, a compensation or rollback.
    static func signals(_ tree: TraceTree) -> [Fact] {
        var throttled: Fact?, unavailable: Fact?, timeout: Fact?, breaker: Fact?, undo: Fact?
        let byStart = tree.spans.indices.sorted { (tree.spans[$0].startTime, $0) < (tree.spans[$1].startTime, $1) }
        for span in byStart {
            let record = tree.spans[span]
            if throttled == nil || unavailable == nil, let status = SpanFacts.httpStatus(record) {
                if status == 429, throttled == nil {
                    throttled = Fact(kind: .signal, span: span, text: "429 Too Many Requests at \(label(tree, span))")
                } else if status == 503, unavailable == nil {
                    unavailable = Fact(kind: .signal, span: span, text: "503 Unavailable at \(label(tree, span))")
                }
            }
            if timeout == nil, SpanFacts.isTimeout(record) {
                timeout = Fact(kind: .signal, span: span, text: "timeout in \(label(tree, span))")
            }
            if breaker == nil, let state = SpanFacts.circuitBreakerState(record) {
                breaker = Fact(kind: .signal, span: span, text: "circuit breaker \(state) at \(label(tree, span))")
            }
            if undo == nil, let kind = SpanFacts.undoKind(record) {
                undo = Fact(kind: .signal, span: span, text: "\(kind): \(label(tree, span))")
            }
        }
        return [throttled, unavailable, timeout, breaker, undo].compactMap { $0 }
    }
}

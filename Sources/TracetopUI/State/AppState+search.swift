extension AppState {
    /// Enter in the `/` prompt of a trace: find the spans, select the first match at or after the cursor.
    /// Empty text clears the search; text nothing matches keeps the prompt open and says so.
    mutating func applySearch(_ text: String) -> [Effect] {
        guard case .trace(var trace) = page, let tree = trace.tree else { prompt = nil; return [] }
        guard !text.isEmpty else {
            trace.search = nil
            page = .trace(trace)
            prompt = nil
            return []
        }
        var search = SpanSearch(text, in: tree)
        guard let first = search.first(atOrAfter: trace.selectedSpan) else {
            prompt?.error = "no span matches '\(text)' (service, operation, attribute keys and values, event names)"
            return []
        }
        search.current = first
        trace.search = search
        trace.mode = .waterfall
        trace.focus = .waterfall
        trace.select(spanID: tree.spans[search.matches[first]].spanID, visible: waterfallRows)
        page = .trace(trace)
        prompt = nil
        return []
    }

    /// `n` / `N`: the next or previous match, unfolding what hides it.
    func stepSearch(_ trace: inout TracePage, forward: Bool) {
        guard var search = trace.search, let tree = trace.tree, let index = search.step(from: trace.selectedSpan, forward: forward) else {
            return
        }
        search.current = index
        trace.search = search
        trace.select(spanID: tree.spans[search.matches[index]].spanID, visible: waterfallRows)
    }
}

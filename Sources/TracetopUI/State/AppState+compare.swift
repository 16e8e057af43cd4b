import TracetopAPI

extension AppState {
    /// `D` in a trace: compare it with its root operation's typical trace (first the p50, then a trace near it).
    mutating func startTypicalComparison(_ trace: inout TracePage) -> Outcome {
        guard let tree = trace.tree, let root = tree.roots.first else { return .stay }
        trace.compare = .typical
        trace.mode = .compare
        notice = Notice(
            "comparing with the typical \(tree.serviceNames[root]) \(tree.spans[root].operationName) in \(source.scope(lookback))")
        return .fetch(.latency(lookback))
    }

    /// Keys of the comparison: move, `s` sorts by the largest difference (again: tree order), Enter selects
    /// the row's span of this trace in the waterfall, `D` or Esc goes back to the waterfall.
    mutating func compareKey(_ key: Key, _ trace: inout TracePage) -> Outcome {
        guard var compare = trace.compare else { trace.mode = .waterfall; return .stay }
        defer { trace.compare = compare }
        if compare.cursor.handle(key, count: compare.rows.count, visible: compareRows) { return .stay }
        switch key {
        case .character("s"):
            compare.toggleSort()
            notice = Notice(compare.sortedByDifference ? "sorted by the largest difference" : "in tree order")
        case .enter:
            guard compare.rows.indices.contains(compare.cursor.selected), let tree = trace.tree else { return .stay }
            guard let span = compare.rows[compare.cursor.selected].right else {
                notice = Notice("this span is only in the baseline trace", isError: true)
                return .stay
            }
            trace.mode = .waterfall
            trace.focus = .waterfall
            trace.select(spanID: tree.spans[span].spanID, visible: waterfallRows)
        case .character("D"), .escape:
            trace.mode = .waterfall
        default:
            break
        }
        return .stay
    }

    var compareRows: Int { max(1, PageLayout.traceBody(width: width, height: height).height - 2) }

    /// Answers on the way to a comparison: the p50, the candidates, the baseline trace. Returns the next fetch.
    mutating func advanceComparison(_ trace: inout TracePage, request: APIRequest, payload: APIPayload) -> [Effect] {
        guard var compare = trace.compare else { return [] }
        // The baseline of a `:diff` may arrive before the page's own trace: it waits in the state.
        if case .trace(let detail) = payload, compare.step == .baseline, detail.traceID == compare.baselineID {
            compare.setBaseline(TraceTree(detail), with: trace.tree)
            compare.cursor.clamp(count: compare.rows.count, visible: compareRows)
            trace.compare = compare
            return []
        }
        guard let tree = trace.tree, let root = tree.roots.first else { return [] }
        let service = tree.serviceNames[root], operation = tree.spans[root].operationName
        var effects: [Effect] = []
        switch (compare.step, payload) {
        case (.latency, .latency(let rows)) where request == .latency(lookback):
            guard let p50 = TypicalTrace.p50(rows, service: service, operation: operation) else {
                compare.step = .failed("no latency recorded for \(service) \(operation) in \(source.scope(lookback))")
                break
            }
            compare.p50 = p50
            let query = TypicalTrace.query(service: service, operation: operation, p50: p50, lookback: lookback)
            compare.step = .candidates(query)
            effects = fetch(.traceSummaries(query))
        case (.candidates(let query), .summaries(let summaries)) where request == .traceSummaries(query):
            guard let p50 = compare.p50,
                let typical = TypicalTrace.nearest(summaries, service: service, operation: operation, p50: p50, excluding: trace.traceID)
            else {
                compare.step = .failed(
                    "no other \(service) \(operation) trace near its p50 (\(DurationText.format(micros: compare.p50 ?? 0))) in \(source.scope(lookback))"
                )
                break
            }
            compare.step = .baseline
            compare.baselineID = typical.traceID
            effects = fetch(.trace(id: typical.traceID))
        default:
            return []
        }
        trace.compare = compare
        return effects
    }
}

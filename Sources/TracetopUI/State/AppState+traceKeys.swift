import TracetopAPI

extension AppState {
    mutating func handleTraceKey(_ key: Key) -> [Effect] {
        guard case .trace(var trace) = page else { return [] }
        let outcome: Outcome
        switch (key, trace.focus) {
        case (_, _) where trace.mode == .statistics: outcome = statisticsKey(key, &trace)
        case (_, _) where trace.mode == .flame: outcome = flameKey(key, &trace)
        case (_, _) where trace.mode == .compare: outcome = compareKey(key, &trace)
        case (.character("D"), _): outcome = startTypicalComparison(&trace)
        case (.character("f"), _):
            guard trace.tree != nil else { outcome = .stay; break }
            trace.mode = .flame
            trace.flame.selected = trace.selectedSpan ?? trace.flame.selected
            outcome = .stay
        case (.character("t"), _):
            guard let tree = trace.tree else { outcome = .stay; break }
            trace.mode = .statistics
            trace.statistics.recompute(tree)
            outcome = .stay
        case (.tab, _):
            trace.focus = trace.focus == .waterfall ? .detail : trace.focus == .detail ? .logs : .waterfall
            outcome = .stay
        case (.backTab, _):
            trace.focus = trace.focus == .waterfall ? .logs : trace.focus == .logs ? .detail : .waterfall
            outcome = .stay
        case (.character("y"), _): outcome = .copy(trace.traceID)
        case (_, .waterfall): outcome = waterfallKey(key, &trace)
        case (_, .detail): outcome = detailKey(key, &trace)
        case (_, .logs): outcome = traceLogsKey(key, &trace)
        }
        page = .trace(trace)
        return perform(outcome)
    }

    private mutating func waterfallKey(_ key: Key, _ trace: inout TracePage) -> Outcome {
        let visible = waterfallRows
        if trace.cursor.handle(key, count: trace.rows.count, visible: visible) {
            trace.detailCursor = ListCursor()
            return .stay
        }
        guard let tree = trace.tree else { return key == .escape ? .back : .stay }
        let selected = trace.selectedSpan
        switch key {
        case .character("h"), .left:
            guard let span = selected else { return .stay }
            if !tree.children[span].isEmpty && !trace.collapsed.contains(span) {
                trace.setCollapsed(trace.collapsed.union([span]), visible: visible)
            } else if let parent = tree.parent[span], let row = trace.rows.firstIndex(where: { $0.span == parent }) {
                trace.cursor.select(row, count: trace.rows.count, visible: visible)
            }
        case .character("l"), .right:
            guard let span = selected, !tree.children[span].isEmpty else { return .stay }
            if trace.collapsed.contains(span) {
                trace.setCollapsed(trace.collapsed.subtracting([span]), visible: visible)
            } else {
                trace.cursor.move(by: 1, count: trace.rows.count, visible: visible)
            }
        case .character("+"):
            trace.setCollapsed([], visible: visible)
        case .character("-"):
            trace.setCollapsed(Set(tree.spans.indices.filter { !tree.children[$0].isEmpty }), visible: visible)
        case .character("*"):
            // Expand everything under the selected span.
            guard let span = selected else { return .stay }
            var expanded = trace.collapsed
            var stack = [span]
            while let next = stack.popLast() {
                expanded.remove(next)
                stack += tree.children[next]
            }
            trace.setCollapsed(expanded, visible: visible)
        case .character("z"):
            guard let span = selected else { return .stay }
            let record = tree.spans[span]
            let range = record.startTime...max(record.endTime, record.startTime + 1)
            trace.zoom = trace.zoom == range ? nil : range
        case .character("Z"):
            trace.zoom = nil
        case .character("e"):
            // Next error span after the selection (wrapping).
            let count = trace.rows.count
            guard count > 0 else { return .stay }
            for step in 1...count {
                let row = (trace.cursor.selected + step) % count
                if tree.isError[trace.rows[row].span] {
                    trace.cursor.select(row, count: count, visible: visible)
                    trace.detailCursor = ListCursor()
                    break
                }
            }
        case .enter:
            trace.focus = .detail
        case .character("c"):
            return .correlation(trace.correlationIds)
        case .character("n"), .character("N"):
            guard trace.search != nil else {
                notice = Notice("no search: / finds spans", isError: true)
                return .stay
            }
            stepSearch(&trace, forward: key == .character("n"))
        case .escape:
            // Esc undoes the latest refinement first: the search, then the zoom, then leaves the trace.
            if trace.search != nil { trace.search = nil; return .stay }
            if trace.zoom != nil { trace.zoom = nil; return .stay }
            return .back
        default:
            break
        }
        return .stay
    }

    private mutating func detailKey(_ key: Key, _ trace: inout TracePage) -> Outcome {
        guard let tree = trace.tree, let span = trace.selectedSpan else {
            if key == .escape { trace.focus = .waterfall }
            return .stay
        }
        let lines = SpanDetail.lines(tree: tree, span: span, logs: trace.sortedLogs, clock: clock)
        if trace.detailCursor.handle(key, count: lines.count, visible: detailRows) { return .stay }
        switch key {
        case .enter:
            guard lines.indices.contains(trace.detailCursor.selected), let link = lines[trace.detailCursor.selected].link else {
                notice = Notice("Enter follows a link: select a line under Links", isError: true)
                return .stay
            }
            if link.traceID == trace.traceID {
                trace.select(spanID: link.spanID, visible: waterfallRows)
                trace.focus = .waterfall
                return .stay
            }
            return .push(.trace(TracePage(traceID: link.traceID, selectSpanID: link.spanID)))
        case .escape, .character("h"), .left:
            trace.focus = .waterfall
        case .character("c"):
            return .correlation(trace.correlationIds)
        default:
            break
        }
        return .stay
    }

    private mutating func traceLogsKey(_ key: Key, _ trace: inout TracePage) -> Outcome {
        let logs = trace.sortedLogs
        if trace.logCursor.handle(key, count: logs.count, visible: detailRows) { return .stay }
        switch key {
        case .enter:
            guard logs.indices.contains(trace.logCursor.selected) else { return .stay }
            let line = logs[trace.logCursor.selected]
            guard line.traceID == trace.traceID, !line.spanID.isEmpty, trace.tree?.indexBySpanID[line.spanID] != nil else {
                notice = Notice("this log line is joined by correlation id, not by a span of this trace", isError: true)
                return .stay
            }
            trace.select(spanID: line.spanID, visible: waterfallRows)
            trace.focus = .waterfall
        case .character("c"):
            let ids = logs.indices.contains(trace.logCursor.selected) ? logs[trace.logCursor.selected].correlationIds : []
            return .correlation(ids.isEmpty ? trace.correlationIds : ids)
        case .escape:
            trace.focus = .waterfall
        default:
            break
        }
        return .stay
    }
}

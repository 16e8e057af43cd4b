extension AppState {
    /// Keys of a trace's statistics table: move, sort (`s` next column, `S` reverse), group (`o`), Enter jumps
    /// to the group's first span in the waterfall, `t` or Esc goes back to the waterfall.
    mutating func statisticsKey(_ key: Key, _ trace: inout TracePage) -> Outcome {
        guard let tree = trace.tree else { return key == .escape ? .back : .stay }
        let visible = statisticsRows
        if trace.statistics.cursor.handle(key, count: trace.statistics.rows.count, visible: visible) { return .stay }
        switch key {
        case .character("s"):
            trace.statistics.column = trace.statistics.column.next
            trace.statistics.descending = trace.statistics.column != .name
            trace.statistics.resort()
            notice = Notice("sorted by \(StatisticsView.title(of: trace.statistics.column))")
        case .character("S"):
            trace.statistics.descending.toggle()
            trace.statistics.resort()
        case .character("o"):
            trace.statistics.grouping = trace.statistics.grouping == .operation ? .service : .operation
            trace.statistics.cursor = ListCursor()
            trace.statistics.recompute(tree)
            notice = Notice(trace.statistics.grouping == .operation ? "per operation" : "per service")
        case .enter:
            guard let row = trace.statistics.selectedRow else { return .stay }
            trace.mode = .waterfall
            trace.focus = .waterfall
            trace.select(spanID: tree.spans[row.firstSpan].spanID, visible: waterfallRows)
        case .character("t"), .escape:
            trace.mode = .waterfall
        default:
            break
        }
        trace.statistics.cursor.clamp(count: trace.statistics.rows.count, visible: visible)
        return .stay
    }

    var statisticsRows: Int { max(1, PageLayout.traceBody(width: width, height: height).height - 1) }
}

extension AppState {
    /// A click (only with `--mouse`) selects the row under it, and in a trace focuses the pane it hit.
    mutating func click(x: Int, y: Int) {
        func row(in rect: Rect, top: Int) -> Int? {
            guard y >= rect.y, y < rect.y + rect.height, x >= rect.x, x < rect.x + rect.width else { return nil }
            return top + y - rect.y
        }
        switch page {
        case .traces(var list):
            if let index = row(in: PageLayout.traceList(width: width, height: height).list, top: list.cursor.top),
                index < list.summaries.count
            {
                list.cursor.select(index, count: list.summaries.count, visible: traceListRows)
                page = .traces(list)
            }
        case .logs(var logs):
            if let index = row(in: PageLayout.list(width: width, height: height), top: logs.cursor.top), index < logs.lines.count {
                logs.cursor.select(index, count: logs.lines.count, visible: plainListRows)
                logs.follow = index == logs.lines.count - 1
                page = .logs(logs)
            }
        case .services(var services):
            let rect = PageLayout.list(width: width, height: height, reservedBelow: PageLayout.servicesHistogramHeight(height: height))
            if let index = row(in: rect, top: services.cursor.top), index < services.rows.count {
                services.cursor.select(index, count: services.rows.count, visible: servicesRows)
                services.histogram = nil
                page = .services(services)
            }
        case .correlation(var correlation):
            if let index = row(in: PageLayout.list(width: width, height: height), top: correlation.cursor.top),
                index < correlation.itemCount
            {
                correlation.cursor.select(index, count: correlation.itemCount, visible: plainListRows)
                page = .correlation(correlation)
            }
        case .serviceMap:
            break
        case .trace(var trace):
            // Clicks select waterfall rows and panes; the statistics, flame graph and comparison are keyboard-only.
            guard trace.mode == .waterfall else { return }
            let layout = PageLayout.trace(width: width, height: height)
            if let index = row(in: layout.waterfall, top: trace.cursor.top), index < trace.rows.count {
                trace.cursor.select(index, count: trace.rows.count, visible: waterfallRows)
                trace.detailCursor = ListCursor()
                trace.focus = .waterfall
            } else if y > layout.logs.y, x >= layout.logs.x, layout.sideBySide || trace.focus == .logs,
                x < layout.logs.x + layout.logs.width
            {
                trace.focus = .logs
            } else if y > layout.detail.y, x < layout.detail.x + layout.detail.width {
                trace.focus = .detail
            }
            page = .trace(trace)
        }
    }
}

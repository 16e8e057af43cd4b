import TracetopAPI

/// The Logs view: all log lines matching the filter, newest at the bottom.
enum LogsView {
    static func draw(_ logs: LogsPage, state: AppState, into screen: inout Screen) {
        let rect = PageLayout.list(width: screen.width, height: screen.height)
        let headerY = rect.y - 1
        screen.fill(x: 0, y: headerY, width: screen.width, style: .header)
        var header = "Time         Level Service        [trace] body"
        if logs.follow { header += "   (following)" }
        screen.draw(header, x: 1, y: headerY, style: .header)
        if logs.lines.isEmpty {
            Table.drawEmpty(
                state.source.isFile
                    ? "No log lines: \(state.source.scope(state.lookback)) holds traces only (tracetop --file reads no logs)"
                    : logs.loaded ? "No log lines\(logs.query.filter.source.isEmpty ? "" : " matching the filter")" : "Loading logs…",
                in: rect, into: &screen)
            return
        }
        for (offset, line) in logs.lines.dropFirst(logs.cursor.top).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            LogLineView.draw(
                line, spanName: line.traceID.isEmpty ? nil : String(line.traceID.prefix(8)), clock: state.clock, x: 1, y: y,
                width: screen.width - 2, into: &screen)
            if logs.cursor.top + offset == logs.cursor.selected { Table.highlight(y: y, width: screen.width, into: &screen) }
        }
    }
}

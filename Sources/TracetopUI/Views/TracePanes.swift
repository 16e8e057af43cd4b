import TracetopAPI

/// The span detail pane and the trace's logs pane under the waterfall.
enum TracePanes {
    static func drawDetail(_ trace: TracePage, tree: TraceTree, clock: WallClock, in rect: Rect, visible: Bool, into screen: inout Screen) {
        guard visible, rect.height >= 2 else { return }
        let focused = trace.focus == .detail
        drawPaneTitle(" Span detail ", focused: focused, in: rect, into: &screen)
        guard let span = trace.selectedSpan else { return }
        let lines = SpanDetail.lines(tree: tree, span: span, logs: trace.sortedLogs, clock: clock)
        var cursor = trace.detailCursor
        cursor.clamp(count: lines.count, visible: rect.height - 1)
        for (offset, line) in lines.dropFirst(cursor.top).prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + offset
            var x = rect.x + 1
            for piece in line.pieces where x < rect.x + rect.width - 1 {
                x += screen.draw(piece.text, x: x, y: y, maxWidth: rect.x + rect.width - 1 - x, style: piece.style)
            }
            if focused, cursor.top + offset == cursor.selected {
                screen.restyle(x: rect.x, y: y, width: rect.width) { $0.merged(reverse: true) }
            }
        }
    }

    static func drawLogs(
        _ trace: TracePage, tree: TraceTree, clock: WallClock, source: DataSource = .collector, in rect: Rect, into screen: inout Screen
    ) {
        guard rect.height >= 2 else { return }
        let focused = trace.focus == .logs
        let logs = trace.sortedLogs
        drawPaneTitle(trace.logs == nil ? " Logs (loading…) " : " Logs (\(logs.count)) ", focused: focused, in: rect, into: &screen)
        if logs.isEmpty {
            if trace.logs != nil {
                screen.draw(
                    source.isFile ? "no log lines: tracetop --file reads traces only" : "no log lines for this trace", x: rect.x + 2,
                    y: rect.y + 1, maxWidth: rect.width - 3, style: .dim)
            }
            return
        }
        var cursor = trace.logCursor
        cursor.clamp(count: logs.count, visible: rect.height - 1)
        for (offset, line) in logs.dropFirst(cursor.top).prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + offset
            let spanName: String
            if line.traceID == trace.traceID, let index = tree.indexBySpanID[line.spanID] {
                spanName = tree.spans[index].operationName
            } else {
                spanName = line.traceID == trace.traceID ? "-" : "corr " + (line.correlationIds.first ?? "")
            }
            LogLineView.draw(line, spanName: spanName, clock: clock, x: rect.x + 1, y: y, width: rect.width - 2, into: &screen)
            if focused, cursor.top + offset == cursor.selected {
                screen.restyle(x: rect.x, y: y, width: rect.width) { $0.merged(reverse: true) }
            }
        }
    }

    private static func drawPaneTitle(_ title: String, focused: Bool, in rect: Rect, into screen: inout Screen) {
        screen.draw(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, style: .dim)
        screen.draw(
            title, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2,
            style: focused ? Style(foreground: .brightYellow, bold: true, reverse: true) : .bold)
    }
}

import TracetopAPI

/// Every trace and log line that shares one correlation id.
enum CorrelationView {
    static func draw(_ page: CorrelationPage, state: AppState, into screen: inout Screen) {
        let rect = PageLayout.list(width: screen.width, height: screen.height)
        let headerY = rect.y - 1
        screen.fill(x: 0, y: headerY, width: screen.width, style: .header)
        guard let correlation = page.correlation else {
            screen.draw("correlation " + page.correlationId, x: 1, y: headerY, style: .header)
            Table.drawEmpty(page.error.map { "Cannot load: " + $0 } ?? "Loading…", in: rect, into: &screen)
            return
        }
        screen.draw(
            "correlation \(page.correlationId): \(correlation.traces.count) trace(s), \(correlation.logs.count) log line(s)", x: 1,
            y: headerY, style: .header)
        for offset in 0..<min(rect.height, max(0, page.itemCount - page.cursor.top)) {
            let index = page.cursor.top + offset
            let y = rect.y + offset
            if index < correlation.traces.count {
                let summary = correlation.traces[index]
                var x = screen.draw("trace ", x: 1, y: y, style: .dim) + 1
                x += screen.draw(state.clock.time(summary.startTime) + " ", x: x, y: y, style: .dim)
                x += screen.draw(
                    summary.rootService, x: x, y: y, maxWidth: 20, style: Style(foreground: ServiceColors.color(for: summary.rootService)))
                x += screen.draw(" " + summary.rootOperation, x: x, y: y, maxWidth: max(0, screen.width / 2 - x))
                x += screen.draw("  " + DurationText.format(micros: summary.duration), x: x, y: y, style: .bold)
                x += screen.draw("  \(summary.spanCount) spans", x: x, y: y, style: .dim)
                if summary.errorCount > 0 {
                    x += screen.draw("  \(summary.errorCount) error\(summary.errorCount == 1 ? "" : "s")", x: x, y: y, style: .error)
                }
                screen.draw("  " + summary.traceID, x: x, y: y, style: .dim)
            } else {
                let line = correlation.logs[index - correlation.traces.count]
                screen.draw("log", x: 1, y: y, style: .dim)
                LogLineView.draw(
                    line, spanName: line.traceID.isEmpty ? nil : String(line.traceID.prefix(8)), clock: state.clock, x: 7, y: y,
                    width: screen.width - 8, into: &screen)
            }
            if index == page.cursor.selected { Table.highlight(y: y, width: screen.width, into: &screen) }
        }
    }
}

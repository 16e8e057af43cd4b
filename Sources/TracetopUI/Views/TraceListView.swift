import TracetopAPI

/// The Traces view: the duration scatter plot above a table of trace summaries.
enum TraceListView {
    static func draw(_ list: TraceListPage, state: AppState, into screen: inout Screen) {
        let layout = PageLayout.traceList(width: screen.width, height: screen.height)
        if layout.scatter.height > 0 {
            ScatterPlot.draw(list.summaries, selected: list.selectedSummary?.traceID, clock: state.clock, in: layout.scatter, into: &screen)
        }
        let arrow = list.descending ? "▼" : "▲"
        func title(_ text: String, _ sort: TraceSort) -> String { list.query.sort == sort ? text + arrow : text }
        // With the why-line column (`w`) the why takes the flexible room and the correlation column goes.
        let columns = Table.layout(
            [
                Column(title: title("Start", .recent), width: 8),
                Column(title: "Root service · operation", width: list.showWhy ? min(40, screen.width / 4) : 0),
                Column(title: title("Duration", .duration), width: 9, alignRight: true),
                Column(title: title("Spans", .spans), width: 6, alignRight: true),
                Column(title: title("Errors", .errors), width: 7, alignRight: true),
                list.showWhy
                    ? Column(title: "Why (w hides)", width: 0)
                    : Column(title: "Correlation", width: screen.width >= 150 ? 36 : screen.width >= 100 ? 18 : 12)
            ], totalWidth: screen.width)
        Table.drawHeader(columns, y: layout.header.y, into: &screen)
        if list.summaries.isEmpty {
            let matching = list.query.filter.isEmpty ? "" : " matching the filter"
            let empty =
                state.source.isFile
                ? "No traces in \(state.source.scope(list.query.lookback))\(matching)"
                : "No traces in the last \(list.query.lookback.label)\(matching) — 1-6 widens the lookback"
            Table.drawEmpty(list.loaded ? empty : "Loading traces…", in: layout.list, into: &screen)
            return
        }
        let visible = list.summaries.dropFirst(list.cursor.top).prefix(layout.list.height)
        for (offset, summary) in visible.enumerated() {
            let y = layout.list.y + offset
            drawRow(summary, columns: columns, y: y, clock: state.clock, into: &screen)
            if list.showWhy { drawWhy(summary, list: list, column: columns[5], y: y, into: &screen) }
            if summary.traceID == list.markedForCompare {
                // The compare baseline (`d`): its start time underlined in yellow.
                screen.restyle(x: 0, y: y, width: 8) { _ in Style(foreground: .brightYellow, bold: true, underline: true) }
            }
            if list.cursor.top + offset == list.cursor.selected { Table.highlight(y: y, width: screen.width, into: &screen) }
        }
    }

    private static func drawRow(_ summary: TraceSummaryRow, columns: [(Column, Int)], y: Int, clock: WallClock, into screen: inout Screen) {
        let (startColumn, startX) = columns[0]
        Table.drawCell(clock.time(summary.startTime), column: startColumn, x: startX, y: y, style: .dim, into: &screen)
        let (rootColumn, rootX) = columns[1]
        if summary.rootService.isEmpty {
            screen.draw(
                "(root span not received) " + summary.services.joined(separator: ","), x: rootX, y: y, maxWidth: rootColumn.width,
                style: .dim)
        } else {
            let used = screen.draw(
                summary.rootService, x: rootX, y: y, maxWidth: min(rootColumn.width, max(8, rootColumn.width / 2)),
                style: Style(foreground: ServiceColors.color(for: summary.rootService)))
            screen.draw(" " + summary.rootOperation, x: rootX + used, y: y, maxWidth: rootColumn.width - used)
        }
        Table.drawCell(
            DurationText.format(micros: summary.duration), column: columns[2].0, x: columns[2].1, y: y, style: .bold, into: &screen)
        Table.drawCell(String(summary.spanCount), column: columns[3].0, x: columns[3].1, y: y, style: .plain, into: &screen)
        Table.drawCell(
            summary.errorCount > 0 ? String(summary.errorCount) : "·", column: columns[4].0, x: columns[4].1, y: y,
            style: summary.errorCount > 0 ? .error : .dim, into: &screen)
        Table.drawCell(
            summary.correlationIds.first ?? "", column: columns[5].0, x: columns[5].1, y: y, style: Style(foreground: .cyan), into: &screen)
    }

    private static func drawWhy(_ summary: TraceSummaryRow, list: TraceListPage, column: (Column, Int), y: Int, into screen: inout Screen) {
        screen.fill(x: column.1, y: y, width: column.0.width)
        if let why = list.why[summary.traceID] {
            WhyLineView.draw(why, x: column.1, y: y, maxWidth: column.0.width, into: &screen)
        } else if summary.spanCount > TraceListPage.whyFetchLimit {
            screen.draw("open it to read why (\(summary.spanCount) spans)", x: column.1, y: y, maxWidth: column.0.width, style: .dim)
        } else {
            screen.draw("…", x: column.1, y: y, maxWidth: column.0.width, style: .dim)
        }
    }
}

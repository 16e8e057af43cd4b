import TracetopAPI

/// The Services view: latency percentiles, rate and error rate per service and operation, a p95 sparkline
/// per row, and the selected operation's latency histogram below.
enum ServicesView {
    static let sparkGlyphs: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func draw(_ page: ServicesPage, state: AppState, into screen: inout Screen) {
        let histogramHeight = PageLayout.servicesHistogramHeight(height: screen.height)
        let rect = PageLayout.list(width: screen.width, height: screen.height, reservedBelow: histogramHeight)
        // The sparkline is the first thing to go on a narrow terminal: names matter more.
        let sparkWidth = screen.width >= 110 ? 30 : screen.width >= 90 ? 14 : 0
        var columnList = [
            Column(title: "Service", width: min(20, screen.width / 6)),
            Column(title: "Operation", width: 0),
            Column(title: "p50", width: 8, alignRight: true),
            Column(title: "p95", width: 8, alignRight: true),
            Column(title: "p99", width: 8, alignRight: true),
            Column(title: "Rate/s", width: 7, alignRight: true),
            Column(title: "Err%", width: 6, alignRight: true)
        ]
        if sparkWidth > 0 { columnList.append(Column(title: "p95 over time", width: sparkWidth)) }
        let columns = Table.layout(columnList, totalWidth: screen.width)
        Table.drawHeader(columns, y: rect.y - 1, into: &screen)
        if page.rows.isEmpty {
            Table.drawEmpty(page.loaded ? "No spans in \(state.source.scope(state.lookback))" : "Loading latency…", in: rect, into: &screen)
            return
        }
        for (offset, row) in page.rows.dropFirst(page.cursor.top).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            Table.drawCell(
                row.service, column: columns[0].0, x: columns[0].1, y: y, style: Style(foreground: ServiceColors.color(for: row.service)),
                into: &screen)
            Table.drawCell(row.operation, column: columns[1].0, x: columns[1].1, y: y, style: .plain, into: &screen)
            Table.drawCell(DurationText.format(micros: row.p50), column: columns[2].0, x: columns[2].1, y: y, style: .plain, into: &screen)
            Table.drawCell(DurationText.format(micros: row.p95), column: columns[3].0, x: columns[3].1, y: y, style: .bold, into: &screen)
            Table.drawCell(DurationText.format(micros: row.p99), column: columns[4].0, x: columns[4].1, y: y, style: .plain, into: &screen)
            Table.drawCell(rate(row.ratePerSecond), column: columns[5].0, x: columns[5].1, y: y, style: .plain, into: &screen)
            Table.drawCell(
                percent(row.errorRate), column: columns[6].0, x: columns[6].1, y: y, style: row.errorRate > 0 ? .error : .dim, into: &screen
            )
            if columns.count > 7 {
                Table.drawCell(
                    sparkline(row.series ?? [], width: columns[7].0.width), column: columns[7].0, x: columns[7].1, y: y,
                    style: Style(foreground: .cyan), into: &screen)
            }
            if page.cursor.top + offset == page.cursor.selected { Table.highlight(y: y, width: screen.width, into: &screen) }
        }
        if histogramHeight > 0, let row = page.selectedRow {
            drawHistogram(
                page.histogram, for: row, in: Rect(x: 0, y: rect.y + rect.height, width: screen.width, height: histogramHeight),
                into: &screen)
        }
    }

    /// The last `width` buckets' p95, scaled to the highest: one glyph per bucket.
    static func sparkline(_ series: [LatencyRow.Bucket], width: Int) -> String {
        let values = series.suffix(width).map { $0.count > 0 ? ($0.p95 ?? 0) : -1 }
        let highest = max(1, values.max() ?? 1)
        return String(
            values.map { value in
                value < 0 ? " " : sparkGlyphs[min(7, Int(Double(value) / Double(highest) * 7.999))]
            })
    }

    static func rate(_ value: Double) -> String {
        guard value.isFinite, value < 1e15 else { return "∞" }
        if value > 0 && value < 0.01 { return "<0.01" }
        return value >= 100 ? String(Int64(value.rounded())) : String((value * 100).rounded() / 100)
    }

    static func percent(_ fraction: Double) -> String {
        fraction <= 0 ? "·" : String((fraction * 1000).rounded() / 10) + "%"
    }

    private static func drawHistogram(_ histogram: OperationHistogram?, for row: LatencyRow, in rect: Rect, into screen: inout Screen) {
        screen.draw(String(repeating: "─", count: rect.width), x: 0, y: rect.y, style: .dim)
        screen.draw(" Latency histogram: \(row.service) \(row.operation) ", x: 1, y: rect.y, maxWidth: rect.width - 2, style: .bold)
        guard let histogram, !histogram.buckets.isEmpty else {
            screen.draw(histogram == nil ? "loading…" : "no spans", x: 2, y: rect.y + 1, style: .dim)
            return
        }
        let barRows = rect.height - 2
        let buckets = Array(histogram.buckets.prefix(max(1, (rect.width - 2) / 2)))
        let columnWidth = max(1, min(8, (rect.width - 2) / buckets.count))
        let highest = max(1, buckets.map(\.count).max() ?? 1)
        for (index, bucket) in buckets.enumerated() {
            let x = 1 + index * columnWidth
            // Height in eighths of a row, so small counts still show.
            let eighths = Int((Double(bucket.count) / Double(highest) * Double(barRows * 8)).rounded())
            for level in 0..<barRows {
                let filled = eighths - level * 8
                guard filled > 0 else { break }
                let glyph = filled >= 8 ? "█" : String(sparkGlyphs[filled - 1])
                screen.draw(
                    String(repeating: glyph, count: max(1, columnWidth - 1)), x: x, y: rect.y + rect.height - 2 - level,
                    style: Style(foreground: .cyan))
            }
            if index % max(1, 8 / columnWidth) == 0 {
                screen.draw(
                    DurationText.format(micros: bucket.le), x: x, y: rect.y + rect.height - 1,
                    maxWidth: max(columnWidth * max(1, 8 / columnWidth) - 1, 1), style: .dim)
            }
        }
    }
}

/// A trace's statistics (`t`): per operation or per service, count, total, self time, average, minimum,
/// maximum and share of the trace, sorted by the chosen column (marked ▼/▲).
enum StatisticsView {
    static func title(of column: TraceStatistics.Column) -> String {
        switch column {
        case .name: return "name"
        case .count: return "count"
        case .total: return "total"
        case .selfTime: return "self"
        case .average: return "avg"
        case .minimum: return "min"
        case .maximum: return "max"
        case .share: return "share"
        }
    }

    static func draw(_ trace: TracePage, in rect: Rect, into screen: inout Screen) {
        let state = trace.statistics
        let arrow = state.descending ? "▼" : "▲"
        func heading(_ column: TraceStatistics.Column, _ text: String) -> String { state.column == column ? text + arrow : text }
        let nameTitle = state.grouping == .operation ? "Service · operation" : "Service"
        let columns = Table.layout(
            [
                Column(title: heading(.name, nameTitle), width: 0),
                Column(title: heading(.count, "Count"), width: 6, alignRight: true),
                Column(title: heading(.total, "Total"), width: 8, alignRight: true),
                Column(title: heading(.selfTime, "Self"), width: 8, alignRight: true),
                Column(title: heading(.average, "Avg"), width: 8, alignRight: true),
                Column(title: heading(.minimum, "Min"), width: 8, alignRight: true),
                Column(title: heading(.maximum, "Max"), width: 8, alignRight: true),
                Column(title: heading(.share, "Share"), width: 6, alignRight: true)
            ], totalWidth: rect.width)
        Table.drawHeader(columns, y: rect.y, into: &screen)
        let list = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        var cursor = state.cursor
        cursor.clamp(count: state.rows.count, visible: list.height)
        for (offset, row) in state.rows.dropFirst(cursor.top).prefix(list.height).enumerated() {
            let y = list.y + offset
            let (nameColumn, nameX) = columns[0]
            let used = screen.draw(
                row.service, x: nameX, y: y,
                maxWidth: row.operation == nil ? nameColumn.width : min(nameColumn.width, max(8, nameColumn.width / 2)),
                style: Style(foreground: ServiceColors.color(for: row.service)))
            if let operation = row.operation { screen.draw(" " + operation, x: nameX + used, y: y, maxWidth: nameColumn.width - used) }
            let cells: [(String, Style)] = [
                (String(row.count), .plain), (DurationText.format(micros: row.total), .plain),
                (DurationText.format(micros: row.selfTime), .bold), (DurationText.format(micros: row.average), .plain),
                (DurationText.format(micros: row.minimum), .dim), (DurationText.format(micros: row.maximum), .plain),
                (percent(row.share), row.share >= WhyLine.standsOutShare ? Style(foreground: .brightYellow, bold: true) : .plain)
            ]
            for (index, cell) in cells.enumerated() {
                Table.drawCell(cell.0, column: columns[index + 1].0, x: columns[index + 1].1, y: y, style: cell.1, into: &screen)
            }
            if cursor.top + offset == cursor.selected { Table.highlight(y: y, width: rect.width, into: &screen) }
        }
    }

    static func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return value >= 10 ? String(Int(value.rounded())) + "%" : String(value) + "%"
    }
}

/// The comparison (`D`, `d`, `:diff`): the two traces' merged span trees, each row with the baseline's
/// duration, this trace's, and the difference (red: this trace took longer); spans on one side only marked
/// `+` (only in this trace) or `−` (only in the baseline).
enum CompareView {
    static func draw(_ trace: TracePage, tree: TraceTree, in rect: Rect, into screen: inout Screen) {
        guard let compare = trace.compare, rect.height >= 3 else { return }
        screen.fill(x: rect.x, y: rect.y, width: rect.width, style: .header)
        var title = compare.p50.map { "vs typical (nearest p50 \(DurationText.format(micros: $0))) " } ?? "vs "
        title += compare.baselineID.map { String($0.prefix(8)) + "…" } ?? ""
        if let baseline = compare.baseline {
            title +=
                " \(DurationText.format(micros: baseline.endTime - baseline.startTime)) → this \(DurationText.format(micros: tree.endTime - tree.startTime))"
        }
        title += compare.sortedByDifference ? " · by largest difference" : " · tree order"
        screen.draw(title, x: rect.x, y: rect.y, maxWidth: rect.width, style: .header)
        let list = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rect.height - 2)
        if let progress = compare.progress {
            let failed: Bool
            if case .failed = compare.step { failed = true } else { failed = false }
            screen.draw(progress, x: rect.x + 2, y: rect.y + 2, maxWidth: rect.width - 4, style: failed ? .error : .dim)
            return
        }
        let columns = Table.layout(
            [
                Column(title: "Service · operation", width: 0),
                Column(title: "Baseline", width: 9, alignRight: true),
                Column(title: "This", width: 9, alignRight: true),
                Column(title: compare.sortedByDifference ? "Diff▼" : "Diff", width: 10, alignRight: true)
            ], totalWidth: rect.width)
        Table.drawHeader(columns, y: rect.y + 1, into: &screen)
        var cursor = compare.cursor
        cursor.clamp(count: compare.rows.count, visible: list.height)
        for (offset, row) in compare.rows.dropFirst(cursor.top).prefix(list.height).enumerated() {
            let y = list.y + offset
            drawRow(row, indent: compare.sortedByDifference ? 0 : row.depth, columns: columns, y: y, into: &screen)
            if cursor.top + offset == cursor.selected { Table.highlight(y: y, width: rect.width, into: &screen) }
        }
    }

    private static func drawRow(_ row: TraceComparison.Row, indent: Int, columns: [(Column, Int)], y: Int, into screen: inout Screen) {
        let (nameColumn, nameX) = columns[0]
        let mark = row.left == nil ? "+ " : row.right == nil ? "− " : "  "
        var x = nameX + screen.draw(mark, x: nameX, y: y, style: row.isOneSided ? .warning : .plain)
        x += screen.draw(String(repeating: " ", count: min(indent, max(0, nameColumn.width / 3))), x: x, y: y)
        let room = nameX + nameColumn.width - x
        let used = screen.draw(
            row.service, x: x, y: y, maxWidth: min(room, 20), style: Style(foreground: ServiceColors.color(for: row.service)))
        screen.draw(" " + row.operation, x: x + used, y: y, maxWidth: max(0, room - used), style: row.isOneSided ? .warning : .plain)
        let duration = { (value: Int64?) in value.map { DurationText.format(micros: $0) } ?? "—" }
        Table.drawCell(
            duration(row.leftDuration), column: columns[1].0, x: columns[1].1, y: y, style: row.left == nil ? .dim : .plain, into: &screen)
        Table.drawCell(
            duration(row.rightDuration), column: columns[2].0, x: columns[2].1, y: y, style: row.right == nil ? .dim : .plain, into: &screen
        )
        let difference = row.difference
        let sign = difference > 0 ? "+" : difference < 0 ? "−" : "±"
        let style: Style = difference > 0 ? .error : difference < 0 ? Style(foreground: .green) : .dim
        Table.drawCell(
            sign + DurationText.format(micros: abs(difference)), column: columns[3].0, x: columns[3].1, y: y, style: style, into: &screen)
    }
}

/// The flame graph (`f`): an icicle, root on top, box widths proportional to duration with eighth-of-a-cell
/// edges, coloured by service; the selected span in yellow; below, what the selected span is.
enum FlameView {
    static let ink = Color(ansi16: 0, xterm256: 16)

    static func draw(_ trace: TracePage, tree: TraceTree, in rect: Rect, into screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let layout = FlameLayout(tree, root: trace.flame.root, columns: rect.width)
        let selected = trace.flame.selected.flatMap { layout.box(of: $0) != nil ? $0 : nil } ?? layout.rows.first?.first?.span
        screen.fill(x: rect.x, y: rect.y, width: rect.width, style: .header)
        let scope = trace.flame.root.map { "zoomed into " + WhyLine.label(tree, $0) + " (Esc zooms out)" } ?? "whole trace"
        var title = "Flame graph · " + scope
        if layout.hidden > 0 { title += " · \(layout.hidden) span(s) too short to draw" }
        screen.draw(title, x: rect.x, y: rect.y, maxWidth: rect.width, style: .header)

        let axis = TimeAxis(start: 0, end: Int64(rect.width * 8), columns: rect.width)
        let visibleRows = rect.height - 2
        for depth in trace.flame.top..<min(layout.rows.count, trace.flame.top + visibleRows) {
            let y = rect.y + 1 + depth - trace.flame.top
            for box in layout.rows[depth] {
                drawBox(box, tree: tree, selected: box.span == selected, axis: axis, x: rect.x, y: y, into: &screen)
            }
        }
        if layout.rows.count > trace.flame.top + visibleRows {
            screen.drawRight(
                "↓ \(layout.rows.count - trace.flame.top - visibleRows) deeper", right: rect.x + rect.width, y: rect.y + rect.height - 2,
                maxWidth: 14, style: .dim)
        }
        if let span = selected {
            drawSelection(span, tree: tree, root: trace.flame.root, y: rect.y + rect.height - 1, width: rect.width, into: &screen)
        }
    }

    private static func drawBox(
        _ box: FlameLayout.Box, tree: TraceTree, selected: Bool, axis: TimeAxis, x: Int, y: Int, into screen: inout Screen
    ) {
        let service = tree.serviceNames[box.span]
        let color = selected ? Color.brightYellow : tree.isError[box.span] ? Color.red : ServiceColors.color(for: service)
        let cells = axis.bar(from: Int64(box.left), to: Int64(box.right))
        var full: [Int] = []
        for cell in cells {
            if cell.glyph == "█" && !cell.reversed {
                full.append(cell.column)
            } else {
                // A partial edge: the eighth-block glyph in the box's colour (reversed for a right-aligned part).
                screen.draw(
                    String(cell.glyph), x: x + cell.column, y: y, maxWidth: 1, style: Style(foreground: color, reverse: cell.reversed))
            }
        }
        guard let first = full.first, let last = full.last else { return }
        let boxStyle = Style(foreground: ink, background: color, bold: selected)
        screen.fill(x: x + first, y: y, width: last - first + 1, style: boxStyle)
        // The first cell stays blank as a separator from a neighbour that ends in the same cell.
        guard last - first >= 2 else { return }
        let label = (tree.isError[box.span] ? "! " : "") + service + " " + tree.spans[box.span].operationName
        screen.draw(label, x: x + first + 1, y: y, maxWidth: last - first, style: boxStyle)
    }

    private static func drawSelection(_ span: Int, tree: TraceTree, root: Int?, y: Int, width: Int, into screen: inout Screen) {
        let record = tree.spans[span]
        let whole = root.map { tree.spans[$0].duration } ?? max(1, tree.endTime - tree.startTime)
        let share = StatisticsView.percent(Double(record.duration) / Double(max(1, whole)))
        var x = screen.draw("▶ ", x: 0, y: y, style: Style(foreground: .brightYellow, bold: true))
        x += screen.draw(
            tree.serviceNames[span], x: x, y: y, maxWidth: 24,
            style: Style(foreground: ServiceColors.color(for: tree.serviceNames[span]), bold: true))
        x += screen.draw(
            " " + record.operationName, x: x, y: y, maxWidth: max(0, width / 2 - x), style: tree.isError[span] ? .error : .bold)
        screen.draw(
            "  \(DurationText.format(micros: record.duration)) · \(share) of \(root == nil ? "the trace" : "the zoomed span")"
                + (tree.children[span].isEmpty ? "" : " · ⏎ zooms in"), x: x, y: y, maxWidth: max(0, width - x), style: .plain)
    }
}

/// The trace page: a header, the waterfall with its time axis, and the detail and logs panes.
enum TraceView {
    static func draw(_ trace: TracePage, state: AppState, into screen: inout Screen) {
        let layout = PageLayout.trace(width: screen.width, height: screen.height)
        guard let tree = trace.tree else {
            let text = trace.error.map { "Cannot show trace \(trace.traceID): \($0)" } ?? "Loading trace \(trace.traceID)…"
            screen.draw(text, x: 2, y: layout.header.y + 1, style: trace.error == nil ? .dim : .error)
            return
        }
        drawHeader(tree, trace: trace, in: layout.header, into: &screen)
        if let why = trace.why { WhyLineView.draw(why, in: layout.why, into: &screen) }
        switch trace.mode {
        case .statistics:
            StatisticsView.draw(trace, in: PageLayout.traceBody(width: screen.width, height: screen.height), into: &screen)
            return
        case .flame:
            FlameView.draw(trace, tree: tree, in: PageLayout.traceBody(width: screen.width, height: screen.height), into: &screen)
            return
        case .compare:
            CompareView.draw(trace, tree: tree, in: PageLayout.traceBody(width: screen.width, height: screen.height), into: &screen)
            return
        case .waterfall:
            break
        }
        let columns = WaterfallColumns(width: screen.width)
        let axis = TimeAxis(
            start: trace.zoom?.lowerBound ?? tree.startTime, end: trace.zoom?.upperBound ?? tree.endTime, columns: columns.barWidth)
        WaterfallView.drawAxis(axis, origin: tree.startTime, columns: columns, y: layout.axis.y, into: &screen)
        WaterfallView.drawRows(trace, tree: tree, axis: axis, columns: columns, in: layout.waterfall, into: &screen)
        TracePanes.drawDetail(
            trace, tree: tree, clock: state.clock, in: layout.detail, visible: !layout.sideBySide && trace.focus == .logs ? false : true,
            into: &screen)
        if layout.sideBySide || trace.focus == .logs {
            TracePanes.drawLogs(trace, tree: tree, clock: state.clock, source: state.source, in: layout.logs, into: &screen)
        }
    }

    private static func drawHeader(_ tree: TraceTree, trace: TracePage, in rect: Rect, into screen: inout Screen) {
        var x = 0
        if let root = tree.roots.first {
            let service = tree.serviceNames[root]
            x += screen.draw(
                service, x: x, y: rect.y, maxWidth: 24, style: Style(foreground: ServiceColors.color(for: service), bold: true))
            x += screen.draw(" " + tree.spans[root].operationName, x: x, y: rect.y, maxWidth: max(10, rect.width / 3), style: .bold)
        }
        // Spans that arrived since the trace was opened (it refreshes itself while it grows).
        if let live = trace.live, live.arrivedSinceOpen > 0 {
            x += screen.draw(" ▲+\(live.arrivedSinceOpen) new", x: x, y: rect.y, style: Style(foreground: .brightCyan, bold: true))
        }
        var facts = "  \(DurationText.format(micros: tree.endTime - tree.startTime)) · \(tree.count) spans · \(tree.serviceCount) services"
        if tree.errorCount > 0 { facts += " · \(tree.errorCount) error\(tree.errorCount == 1 ? "" : "s")" }
        x += screen.draw(facts, x: x, y: rect.y)
        var notes: [String] = []
        if let zoom = trace.zoom {
            notes.append(
                "zoom +\(DurationText.format(micros: zoom.lowerBound - tree.startTime))…+\(DurationText.format(micros: zoom.upperBound - tree.startTime)) (Z resets)"
            )
        }
        let orphans = tree.roots.filter { tree.isOrphan[$0] }.count
        if orphans > 0 { notes.append("\(orphans) orphan(s) shown as roots") }
        if tree.skewCount > 0 { notes.append("clock skew in \(tree.skewCount) span(s)") }
        if !notes.isEmpty { screen.draw("  ⚠ " + notes.joined(separator: " · "), x: x, y: rect.y, style: .warning) }
    }
}

/// The waterfall's column split: gutter (error / critical marks), tree + names, duration, bars.
struct WaterfallColumns {
    let gutter = 2
    let nameWidth: Int
    let durationWidth = 8
    let barX: Int
    let barWidth: Int

    init(width: Int) {
        nameWidth = max(20, min(70, width * 38 / 100))
        barX = gutter + nameWidth + 1 + durationWidth + 1
        barWidth = max(1, width - barX - 1)
    }
}

enum WaterfallView {
    static func drawAxis(_ axis: TimeAxis, origin: Int64, columns: WaterfallColumns, y: Int, into screen: inout Screen) {
        screen.fill(x: 0, y: y, width: screen.width, style: .header)
        screen.draw("Service · operation", x: columns.gutter, y: y, maxWidth: columns.nameWidth, style: .header)
        screen.drawRight(
            "Duration", right: columns.gutter + columns.nameWidth + 1 + columns.durationWidth, y: y, maxWidth: columns.durationWidth,
            style: .header)
        // Tick labels at quarters, each cut short before the next one and before the end label.
        let quarter = max(1, columns.barWidth / 4)
        let endLabel = DurationText.format(micros: axis.end - origin)
        let endX = screen.width - DisplayText.width(of: endLabel)
        screen.draw(endLabel, x: endX, y: y, style: .header)
        for tick in 0..<4 {
            let time = axis.start + (axis.end - axis.start) * Int64(tick) / 4
            let x = columns.barX + tick * quarter
            let label = "│" + DurationText.format(micros: time - origin)
            // A label that does not fit whole is left out: a cut-off number would misread.
            guard DisplayText.width(of: label) <= min(quarter - 1, endX - x - 1) else { continue }
            screen.draw(label, x: x, y: y, style: .header)
        }
    }

    static func drawRows(
        _ trace: TracePage, tree: TraceTree, axis: TimeAxis, columns: WaterfallColumns, in rect: Rect, into screen: inout Screen
    ) {
        let visible = trace.rows.dropFirst(trace.cursor.top).prefix(rect.height)
        for (offset, row) in visible.enumerated() {
            let y = rect.y + offset
            drawRow(row, tree: tree, collapsed: trace.collapsed.contains(row.span), axis: axis, columns: columns, y: y, into: &screen)
            // A search keeps every span in place and dims those that do not match.
            if let search = trace.search, !search.isMatch[row.span] {
                screen.restyle(x: 0, y: y, width: screen.width) {
                    var style = $0; style.dim = true; style.bold = false; return style
                }
            }
            if trace.cursor.top + offset == trace.cursor.selected {
                screen.restyle(x: 0, y: y, width: columns.barX) { $0.merged(reverse: true) }
                if trace.focus != .waterfall {
                    screen.restyle(x: 0, y: y, width: columns.barX) {
                        var style = $0; style.dim = true; return style
                    }
                }
            }
        }
    }

    private static func drawRow(
        _ row: WaterfallRow, tree: TraceTree, collapsed: Bool, axis: TimeAxis, columns: WaterfallColumns, y: Int, into screen: inout Screen
    ) {
        let span = tree.spans[row.span]
        let service = tree.serviceNames[row.span]
        let serviceColor = ServiceColors.color(for: service)
        let onCriticalPath = tree.criticalPath.spans.contains(row.span)
        if tree.isError[row.span] { screen.draw("!", x: 0, y: y, style: .error) }
        if onCriticalPath { screen.draw("┃", x: 1, y: y, style: Style(foreground: .brightYellow, bold: true)) }

        // Name column: guides, fold marker, service, operation, notes.
        let nameX = columns.gutter
        var x = nameX
        let guides = tree.guides(for: row, maxLevels: max(1, columns.nameWidth / 4))
        x += screen.draw(guides, x: x, y: y, maxWidth: columns.nameWidth, style: .dim)
        if !tree.children[row.span].isEmpty {
            x += screen.draw(collapsed ? "⊞ " : "", x: x, y: y, maxWidth: nameX + columns.nameWidth - x, style: .bold)
        }
        x += screen.draw(
            service, x: x, y: y, maxWidth: max(0, min(20, nameX + columns.nameWidth - x)), style: Style(foreground: serviceColor))
        x += screen.draw(
            " " + span.operationName, x: x, y: y, maxWidth: max(0, nameX + columns.nameWidth - x),
            style: tree.isError[row.span] ? .error : .plain)
        var note = ""
        if tree.isOrphan[row.span] { note += " (orphan)" }
        if tree.skewMicros[row.span] > 0 { note += " (skew)" }
        if collapsed { note += " +\(descendantCount(of: row.span, in: tree))" }
        if !note.isEmpty { screen.draw(note, x: x, y: y, maxWidth: max(0, nameX + columns.nameWidth - x), style: .warning) }

        screen.drawRight(
            DurationText.format(micros: span.duration), right: nameX + columns.nameWidth + 1 + columns.durationWidth, y: y,
            maxWidth: columns.durationWidth, style: onCriticalPath ? .bold : .plain)

        // Bars, with the stretches on the critical path in a highlight colour.
        let barColor = tree.isError[row.span] ? Color.red : serviceColor
        let critical = tree.criticalPath.segments(of: row.span).flatMap { segment in
            axis.bar(from: segment.start, to: segment.end).map(\.column)
        }
        let criticalColumns = Set(critical)
        for cell in axis.bar(from: span.startTime, to: span.endTime) {
            let isCritical = criticalColumns.contains(cell.column)
            var style = Style(foreground: isCritical ? .brightYellow : barColor, reverse: cell.reversed)
            style.bold = isCritical
            screen.draw(String(cell.glyph), x: columns.barX + cell.column, y: y, maxWidth: 1, style: style)
        }
    }

    /// How many spans a collapsed row hides (shown as `+N`); iterative for deep trees.
    static func descendantCount(of span: Int, in tree: TraceTree) -> Int {
        var count = 0
        var stack = tree.children[span]
        while let next = stack.popLast() {
            count += 1
            stack += tree.children[next]
        }
        return count
    }
}

import TracetopAPI

/// Trace duration over start time in braille dots (2×4 per cell), errors in red, like Jaeger's search
/// results. Durations use a linear axis from 0 to the slowest trace shown.
enum ScatterPlot {
    /// Braille dot bits by (column 0–1, row 0–3) inside one cell.
    private static let dotBits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
    static let labelWidth = 8

    static func draw(_ summaries: [TraceSummaryRow], selected: String?, clock: WallClock, in rect: Rect, into screen: inout Screen) {
        let plotHeight = rect.height - 1
        let plotWidth = rect.width - labelWidth - 1
        guard plotHeight >= 2, plotWidth >= 4 else { return }
        let plotX = rect.x + labelWidth + 1
        for row in 0..<plotHeight { screen.draw("│", x: plotX - 1, y: rect.y + row, style: .dim) }
        guard let first = summaries.map(\.startTime).min(), let last = summaries.map(\.startTime).max() else {
            screen.draw("no traces to plot", x: plotX + 1, y: rect.y + plotHeight / 2, style: .dim)
            return
        }
        let maxDuration = max(1, summaries.map(\.duration).max() ?? 1)
        let timeSpan = max(1, last - first)
        let dotColumns = plotWidth * 2, dotRows = plotHeight * 4
        var bits = [UInt32](repeating: 0, count: plotWidth * plotHeight)
        var hasError = [Bool](repeating: false, count: plotWidth * plotHeight)
        var selectedCell: Int?
        for summary in summaries {
            let dotX = min(dotColumns - 1, max(0, Int(Double(summary.startTime - first) / Double(timeSpan) * Double(dotColumns - 1))))
            let dotY = min(dotRows - 1, max(0, dotRows - 1 - Int(Double(summary.duration) / Double(maxDuration) * Double(dotRows - 1))))
            let cell = (dotY / 4) * plotWidth + dotX / 2
            bits[cell] |= dotBits[dotX % 2][dotY % 4]
            if summary.errorCount > 0 { hasError[cell] = true }
            if summary.traceID == selected { selectedCell = cell }
        }
        for cell in bits.indices where bits[cell] != 0 {
            let glyph = String(Unicode.Scalar(0x2800 + bits[cell])!)
            var style = Style(foreground: hasError[cell] ? .red : .cyan, bold: hasError[cell])
            if cell == selectedCell { style = Style(foreground: .brightYellow, bold: true) }
            screen.draw(glyph, x: plotX + cell % plotWidth, y: rect.y + cell / plotWidth, style: style)
        }
        screen.drawRight(DurationText.format(micros: maxDuration), right: rect.x + labelWidth, y: rect.y, maxWidth: labelWidth, style: .dim)
        screen.drawRight("0", right: rect.x + labelWidth, y: rect.y + plotHeight - 1, maxWidth: labelWidth, style: .dim)
        let axisY = rect.y + plotHeight
        screen.draw(String(repeating: "─", count: plotWidth), x: plotX, y: axisY, style: .dim)
        screen.draw(clock.time(first), x: plotX, y: axisY, style: .dim)
        screen.drawRight(clock.time(last), right: plotX + plotWidth, y: axisY, maxWidth: plotWidth / 2, style: .dim)
    }
}

import TracetopAPI

/// One log line: time, severity, service, span, body. Used by the trace's logs pane, the Logs view and the
/// correlation view so they read alike.
enum LogLineView {
    static func draw(_ line: LogLine, spanName: String?, clock: WallClock, x: Int, y: Int, width: Int, into screen: inout Screen) {
        let right = x + width
        var cursor = x
        cursor += screen.draw(clock.time(line.timestamp, milliseconds: true) + " ", x: cursor, y: y, maxWidth: right - cursor, style: .dim)
        let severity = SeverityStyle.label(line)
        cursor += screen.draw(
            severity.padding(5) + " ", x: cursor, y: y, maxWidth: right - cursor, style: SeverityStyle.style(line.severityNumber))
        cursor += screen.draw(
            line.service, x: cursor, y: y, maxWidth: min(14, max(0, right - cursor)),
            style: Style(foreground: ServiceColors.color(for: line.service)))
        cursor += 1
        if let spanName, right - cursor > 4 {
            // The name is cut, never the brackets, so the body always starts after "] ".
            cursor += screen.draw("[", x: cursor, y: y, style: .dim)
            cursor += screen.draw(spanName, x: cursor, y: y, maxWidth: min(22, right - cursor - 2), style: .dim)
            cursor += screen.draw("] ", x: cursor, y: y, maxWidth: max(0, right - cursor), style: .dim)
        }
        screen.draw(
            line.body, x: cursor, y: y, maxWidth: max(0, right - cursor),
            style: line.severityNumber >= 17 ? Style(foreground: .red) : .plain)
    }
}

extension String {
    /// Pads with spaces to a display width (for short fixed labels).
    func padding(_ width: Int) -> String {
        let current = DisplayText.width(of: self)
        return current >= width ? self : self + String(repeating: " ", count: width - current)
    }
}

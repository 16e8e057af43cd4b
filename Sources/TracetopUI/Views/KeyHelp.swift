/// Every key of every page, for the `?` overlay and the one-line hint bar. Kept beside the views so the
/// help cannot drift from what the hint bar shows.
enum KeyHelp {
    static func hints(for state: AppState) -> [(String, String)] {
        switch state.page {
        case .traces: return [("⏎", "open"), ("/", "filter"), ("s/S", "sort"), ("1-6", "lookback"), ("␣", state.paused ? "resume" : "pause"), ("Tab", "view"), ("?", "help"), ("q", state.isRootPage ? "quit" : "back")]
        case .trace(let trace):
            switch trace.focus {
            case .waterfall: return [("h/l", "fold"), ("+/-/*", "all"), ("z", "zoom"), ("e", "next error"), ("⏎", "detail"), ("Tab", "pane"), ("c", "correlation"), ("y", "copy id"), ("?", "help"), ("q", "back")]
            case .detail: return [("j/k", "scroll"), ("⏎", "follow link"), ("Tab", "pane"), ("Esc", "waterfall"), ("?", "help")]
            case .logs: return [("j/k", "move"), ("⏎", "select span"), ("c", "correlation"), ("Tab", "pane"), ("Esc", "waterfall"), ("?", "help")]
            }
        case .logs: return [("⏎", "open trace"), ("/", "filter"), ("c", "correlation"), ("G", "follow"), ("␣", state.paused ? "resume" : "pause"), ("Tab", "view"), ("?", "help"), ("q", state.isRootPage ? "quit" : "back")]
        case .services: return [("⏎", "slowest traces"), ("1-6", "lookback"), ("␣", state.paused ? "resume" : "pause"), ("Tab", "view"), ("?", "help"), ("q", state.isRootPage ? "quit" : "back")]
        case .correlation: return [("⏎", "open"), ("j/k", "move"), ("?", "help"), ("q", "back")]
        }
    }

    static let global: [(String, String)] = [
        ("j/k ↑/↓", "move"), ("g/G", "first / last"), ("PgUp/PgDn", "page"), ("Esc q", "back (q on a first view quits)"),
        ("Ctrl-C", "quit"), ("Tab/Shift-Tab", "next / previous view (panes in a trace)"), ("␣", "pause / resume refresh"),
        ("r", "refresh now"), ("1-6", "lookback 5m 15m 1h 6h 1d 7d"), (":trace <id>", "open a trace"),
        (":corr <id>", "open a correlation"), (":q", "quit"), ("?", "this help"),
    ]

    static func entries(for page: Page) -> (String, [(String, String)]) {
        switch page {
        case .traces:
            return ("Traces", [("⏎", "open the trace"), ("/", "filter: " + filterExample(page)), ("s", "sort by next column"), ("S", "reverse the sort"), ("c", "correlation view of the trace's id"), ("y", "copy the trace id")])
        case .trace:
            return ("Trace", [("h/←  l/→", "collapse / expand (or go to parent / child)"), ("+  -", "expand all / collapse all"), ("*", "expand the selected subtree"),
                              ("z  Z", "zoom to the span's time range / zoom out"), ("e", "next error span"), ("r", "reload the trace (late spans and logs)"), ("⏎", "detail pane (⏎ on a link follows it)"),
                              ("Tab", "waterfall → detail → logs"), ("⏎ in logs", "select the line's span"), ("c", "correlation view"), ("y", "copy the trace id")])
        case .logs:
            return ("Logs", [("⏎", "open the line's trace at its span"), ("/", "filter: " + filterExample(page)), ("c", "correlation view of the line's id"), ("G", "follow the newest line"), ("y", "copy the trace id")])
        case .services:
            return ("Services", [("⏎", "the operation's slowest traces"), ("j/k", "select (histogram below)")])
        case .correlation:
            return ("Correlation", [("⏎", "open the trace (a log line: at its span)")])
        }
    }

    static func filterExample(_ page: Page) -> String {
        if case .logs = page { return "service=billing sev>=warn corr=abc123 timeout" }
        return "service=billing op=\"POST /charge\" dur>500ms error corr=abc123 http.response.status_code=500"
    }
}

enum HelpOverlay {
    static func draw(_ state: AppState, into screen: inout Screen) {
        let (title, entries) = KeyHelp.entries(for: state.page)
        let all = entries + [("", "")] + KeyHelp.global
        let width = min(screen.width - 4, 90)
        let height = min(screen.height - 2, all.count + 4)
        let x = (screen.width - width) / 2, y = max(1, (screen.height - height) / 2)
        let box = Style(foreground: .white, background: .darkBlue)
        screen.fill(x: x, y: y, width: width, height: height, style: box)
        screen.draw(" Keys: \(title) (any key closes) ", x: x + 2, y: y, maxWidth: width - 4, style: Style(foreground: .brightYellow, background: .darkBlue, bold: true))
        for (offset, entry) in all.prefix(height - 3).enumerated() {
            let row = y + 2 + offset
            screen.draw(entry.0, x: x + 2, y: row, maxWidth: 16, style: Style(foreground: .brightCyan, background: .darkBlue, bold: true))
            screen.draw(entry.1, x: x + 19, y: row, maxWidth: width - 21, style: box)
        }
    }
}

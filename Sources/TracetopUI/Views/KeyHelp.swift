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

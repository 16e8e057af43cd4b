import TracetopAPI

/// Every key of every page, for the `?` overlay and the one-line hint bar. Kept beside the views so the
/// help cannot drift from what the hint bar shows.
enum KeyHelp {
    static func hints(for state: AppState) -> [(String, String)] {
        let all = collectorHints(for: state)
        return state.source.isFile ? all.filter { !collectorOnly.contains($0.0) } : all
    }

    /// Keys that change what a collector is asked (lookback, refresh): a file has neither.
    static let collectorOnly: Set<String> = ["1-6", "␣", "r", "c"]

    static func globalEntries(for source: DataSource) -> [(String, String)] {
        source.isFile ? global.filter { !collectorOnly.contains($0.0) } : global
    }

    private static func collectorHints(for state: AppState) -> [(String, String)] {
        switch state.page {
        case .traces:
            return [
                ("⏎", "open"), ("/", "filter"), ("s/S", "sort"), ("w", "why"), ("1-6", "lookback"),
                ("␣", state.paused ? "resume" : "pause"), ("Tab", "view"), ("?", "help"), ("q", state.isRootPage ? "quit" : "back")
            ]
        case .trace(let trace) where trace.mode == .statistics:
            return [("⏎", "go to span"), ("s/S", "sort"), ("o", "service/operation"), ("t/Esc", "waterfall"), ("?", "help"), ("q", "back")]
        case .trace(let trace) where trace.mode == .compare:
            return [("s", "sort by diff"), ("⏎", "go to span"), ("D/Esc", "waterfall"), ("?", "help"), ("q", "back")]
        case .trace(let trace) where trace.mode == .flame:
            return [("h/j/k/l", "move"), ("⏎", "zoom in"), ("Esc", "zoom out"), ("f", "waterfall"), ("?", "help"), ("q", "back")]
        case .trace(let trace):
            switch trace.focus {
            case .waterfall:
                return [
                    ("h/l", "fold"), ("z", "zoom"), ("e", "next error"), ("/", "search"), ("n/N", "match"), ("t", "stats"), ("f", "flame"),
                    ("D", "vs typical"), ("⏎", "detail"), ("+/-/*", "all"), ("Tab", "pane"), ("c", "correlation"), ("y", "copy id"),
                    ("?", "help"), ("q", "back")
                ]
            case .detail: return [("j/k", "scroll"), ("⏎", "follow link"), ("Tab", "pane"), ("Esc", "waterfall"), ("?", "help")]
            case .logs:
                return [("j/k", "move"), ("⏎", "select span"), ("c", "correlation"), ("Tab", "pane"), ("Esc", "waterfall"), ("?", "help")]
            }
        case .logs:
            return [
                ("⏎", "open trace"), ("/", "filter"), ("c", "correlation"), ("G", "follow"), ("␣", state.paused ? "resume" : "pause"),
                ("Tab", "view"), ("?", "help"), ("q", state.isRootPage ? "quit" : "back")
            ]
        case .services:
            return [
                ("⏎", "slowest traces"), ("1-6", "lookback"), ("␣", state.paused ? "resume" : "pause"), ("Tab", "view"), ("?", "help"),
                ("q", state.isRootPage ? "quit" : "back")
            ]
        case .correlation: return [("⏎", "open"), ("j/k", "move"), ("?", "help"), ("q", "back")]
        case .serviceMap:
            return [
                ("j/k", "service"), ("⏎", "slowest traces"), ("1-6", "lookback"), ("Tab", "view"), ("?", "help"),
                ("q", state.isRootPage ? "quit" : "back")
            ]
        }
    }

    static let global: [(String, String)] = [
        ("j/k ↑/↓", "move"), ("g/G", "first / last"), ("PgUp/PgDn", "page"), ("Esc q", "back (q on a first view quits)"),
        ("Ctrl-C", "quit"), ("Tab/Shift-Tab", "next / previous view (panes in a trace)"), ("␣", "pause / resume refresh"),
        ("r", "refresh now"), ("1-6", "lookback 5m 15m 1h 6h 1d 7d"), (":trace <id>", "open a trace"),
        (":corr <id>", "open a correlation"), (":diff <a> <b>", "compare trace a (baseline) with b"),
        (":w <path>", "write the open trace as OTLP JSON"), (":q", "quit"), ("?", "this help")
    ]

    static func entries(for page: Page, source: DataSource = .collector) -> (String, [(String, String)]) {
        let (title, all) = collectorEntries(for: page)
        return (title, source.isFile ? all.filter { !collectorOnly.contains($0.0) } : all)
    }

    private static func collectorEntries(for page: Page) -> (String, [(String, String)]) {
        switch page {
        case .traces:
            return (
                "Traces",
                [
                    ("⏎", "open the trace"), ("/", "filter: " + filterExample(page)), ("s", "sort by next column"),
                    ("S", "reverse the sort"), ("c", "correlation view of the trace's id"), ("y", "copy the trace id"),
                    ("w", "why-line column: why each trace was slow or failed (fetches the traces on screen)"),
                    ("d", "mark for compare: then ⏎ on another trace compares the two")
                ]
            )
        case .trace(let trace) where trace.mode == .statistics:
            return (
                "Trace statistics",
                [
                    ("⏎", "the group's first span in the waterfall"), ("s", "sort by the next column"), ("S", "reverse the sort"),
                    ("o", "per operation / per service"), ("t  Esc", "back to the waterfall")
                ]
            )
        case .trace(let trace) where trace.mode == .compare:
            return (
                "Compare",
                [
                    ("s", "sort by the largest difference / tree order"), ("⏎", "this trace's span in the waterfall"),
                    ("D  Esc", "back to the waterfall"), ("+ / −", "marks spans only in this trace / only in the baseline")
                ]
            )
        case .trace(let trace) where trace.mode == .flame:
            return (
                "Flame graph",
                [
                    ("h/← l/→", "previous / next span on the row"), ("k/↑ j/↓", "parent / first child"),
                    ("⏎", "zoom into the selected span's subtree"), ("Esc", "zoom out one level (then the waterfall)"),
                    ("f", "back to the waterfall at the selected span")
                ]
            )
        case .trace:
            return (
                "Trace",
                [
                    ("D", "compare with the operation's typical trace (nearest its p50)"),
                    ("f", "flame graph (icicle): widths by duration, colours by service"),
                    ("/", "search spans (service, operation, attributes, events); others dim"),
                    ("n  N", "next / previous match (Esc clears)"),
                    ("t", "statistics per operation / service"), ("h/←  l/→", "collapse / expand (or go to parent / child)"),
                    ("+  -", "expand all / collapse all"), ("*", "expand the selected subtree"),
                    ("z  Z", "zoom to the span's time range / zoom out"), ("e", "next error span"),
                    ("r", "reload the trace (late spans and logs)"), ("⏎", "detail pane (⏎ on a link follows it)"),
                    ("Tab", "waterfall → detail → logs"), ("⏎ in logs", "select the line's span"), ("c", "correlation view"),
                    ("y", "copy the trace id")
                ]
            )
        case .logs:
            return (
                "Logs",
                [
                    ("⏎", "open the line's trace at its span"), ("/", "filter: " + filterExample(page)),
                    ("c", "correlation view of the line's id"), ("G", "follow the newest line"), ("y", "copy the trace id")
                ]
            )
        case .services:
            return ("Services", [("⏎", "the operation's slowest traces"), ("j/k", "select (histogram below)")])
        case .serviceMap:
            return ("Map", [("j/k", "select a service"), ("⏎", "the service's slowest traces"), ("1-6", "lookback of the map")])
        case .correlation:
            return ("Correlation", [("⏎", "open the trace (a log line: at its span)")])
        }
    }

    static func filterExample(_ page: Page) -> String {
        if case .logs = page { return "service=billing sev>=warn corr=abc123 timeout" }
        return "service=billing op=\"POST /charge\" dur>500ms error corr=abc123 http.response.status_code=500"
    }
}

/// The whole UI state. Views are a pure function of it; `update` (in `AppState+update.swift`) is the only
/// way it changes.
package struct AppState: Sendable {
    /// The views Tab cycles through; each keeps its own stack of pages (Enter pushes, Esc/q pops).
    package static let tabNames = ["Traces", "Logs", "Services", "Map"]

    package var width: Int
    package var height: Int
    package var tabs: [[Page]]
    package var tab = 0
    package var paused = false
    package var lookback: Lookback
    /// µs since the epoch, as of the last tick.
    package var now: Int64 = 0
    package var lastRefresh: Int64?
    package var prompt: Prompt?
    package var showHelp = false
    package var connection = ConnectionStatus()
    /// A one-line notice (a command's result or a problem with the last key), shown in the status line.
    package var notice: Notice?
    package let collectorLabel: String
    /// A collector, or a file read at start (`--file`).
    package let source: DataSource
    package let clock: WallClock
    /// How often lists refresh while not paused.
    package let refreshInterval: Int64 = 2_000_000

    package init(
        width: Int, height: Int, collectorLabel: String, source: DataSource = .collector, clock: WallClock = WallClock(),
        lookback: Lookback = .hour
    ) {
        self.width = width
        self.height = height
        self.collectorLabel = collectorLabel
        self.source = source
        self.clock = clock
        self.lookback = lookback
        let query = TraceListQuery(lookback: lookback)
        tabs = [
            [.traces(TraceListPage(title: "Traces", query: query))], [.logs(LogsPage())], [.services(ServicesPage())],
            [.serviceMap(ServiceMapPage())]
        ]
    }

    package var page: Page {
        get { tabs[tab][tabs[tab].count - 1] }
        set { tabs[tab][tabs[tab].count - 1] = newValue }
    }

    package var isRootPage: Bool { tabs[tab].count == 1 }
    package var isTooSmall: Bool { PageLayout.isTooSmall(width: width, height: height) }
}

/// The `/` filter or `:` command being typed.
package struct Prompt: Hashable, Sendable {
    /// `filter` narrows a list, `search` finds spans in a trace, `command` is a `:` command.
    package enum Kind: Hashable, Sendable { case filter, search, command }
    package static let maxLength = 512

    package var kind: Kind
    package var text: String
    /// Why Enter was refused (the prompt stays open so the text can be fixed).
    package var error: String?

    package init(kind: Kind, text: String = "", error: String? = nil) {
        self.kind = kind
        self.text = text
        self.error = error
    }
}

/// What the status line says about the collector.
package struct ConnectionStatus: Hashable, Sendable {
    /// Set while the collector cannot be reached; cleared by the next answer.
    package var error: String?
    package var lastSuccess: Int64?
    /// Requests sent and not answered yet, with when they were sent (to say "waiting Ns").
    package var inFlight: [APIRequest: Int64] = [:]
    /// µs after which a request without an answer counts as lost.
    static let lostAfter: Int64 = 30_000_000

    package init() {}

    package func oldestWait(now: Int64) -> Int64? { inFlight.values.min().map { now - $0 } }
}

package struct Notice: Hashable, Sendable {
    package var text: String
    package var isError: Bool

    package init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

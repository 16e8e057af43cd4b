/// The whole UI state. Views are a pure function of it; `update` (in `AppState+update.swift`) is the only
/// way it changes.
public struct AppState: Sendable {
    /// The views Tab cycles through; each keeps its own stack of pages (Enter pushes, Esc/q pops).
    public static let tabNames = ["Traces", "Logs", "Services", "Map"]

    public var width: Int
    public var height: Int
    public var tabs: [[Page]]
    public var tab = 0
    public var paused = false
    public var lookback: Lookback
    /// µs since the epoch, as of the last tick.
    public var now: Int64 = 0
    public var lastRefresh: Int64?
    public var prompt: Prompt?
    public var showHelp = false
    public var connection = ConnectionStatus()
    /// A one-line notice (a command's result or a problem with the last key), shown in the status line.
    public var notice: Notice?
    public let collectorLabel: String
    /// A collector, or a file read at start (`--file`).
    public let source: DataSource
    public let clock: WallClock
    /// How often lists refresh while not paused.
    public let refreshInterval: Int64 = 2_000_000

    public init(
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

    public var page: Page {
        get { tabs[tab][tabs[tab].count - 1] }
        set { tabs[tab][tabs[tab].count - 1] = newValue }
    }

    public var isRootPage: Bool { tabs[tab].count == 1 }
    public var isTooSmall: Bool { PageLayout.isTooSmall(width: width, height: height) }
}

/// The `/` filter or `:` command being typed.
public struct Prompt: Hashable, Sendable {
    /// `filter` narrows a list, `search` finds spans in a trace, `command` is a `:` command.
    public enum Kind: Hashable, Sendable { case filter, search, command }
    public static let maxLength = 512

    public var kind: Kind
    public var text: String
    /// Why Enter was refused (the prompt stays open so the text can be fixed).
    public var error: String?

    public init(kind: Kind, text: String = "", error: String? = nil) {
        self.kind = kind
        self.text = text
        self.error = error
    }
}

/// What the status line says about the collector.
public struct ConnectionStatus: Hashable, Sendable {
    /// Set while the collector cannot be reached; cleared by the next answer.
    public var error: String?
    public var lastSuccess: Int64?
    /// Requests sent and not answered yet, with when they were sent (to say "waiting Ns").
    public var inFlight: [APIRequest: Int64] = [:]
    /// µs after which a request without an answer counts as lost.
    static let lostAfter: Int64 = 30_000_000

    public init() {}

    public func oldestWait(now: Int64) -> Int64? { inFlight.values.min().map { now - $0 } }
}

public struct Notice: Hashable, Sendable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

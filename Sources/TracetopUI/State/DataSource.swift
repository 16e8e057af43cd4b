/// Where tracetop's answers come from. A collector: lists cover the lookback (1-6) and refresh every ~2 s
/// (space pauses). A file (`tracetop --file`): a snapshot read at start, so every trace in it is listed, nothing
/// refreshes or grows, and there are no logs; the views say so instead of naming a lookback that does not apply.
package enum DataSource: Hashable, Sendable {
    case collector
    case file(name: String)

    package var isFile: Bool { if case .file = self { return true } else { return false } }

    /// What a list covers, after "in": "the last 1h", or the file's name.
    func scope(_ lookback: Lookback) -> String {
        switch self {
        case .collector: return "the last \(lookback.label)"
        case .file(let name): return name
        }
    }

    /// What a view covers, for its title: "last 1h", or "file NAME".
    func title(_ lookback: Lookback) -> String {
        switch self {
        case .collector: return "last \(lookback.label)"
        case .file(let name): return "file \(name)"
        }
    }

    /// The keys that only make sense with a collector, and why, for the notice a file shows instead.
    static let collectorOnlyKeys: [Character: String] = [
        " ": "a file does not refresh: nothing to pause",
        "r": "a file does not refresh: it is read once at start",
        // The correlation view asks the collector for every trace and log line sharing an id; a file has no such index.
        "c": "a file has no correlation view: it needs a collector (tracetop --collector URL)"
    ]
    static let noLookback = "a file has no lookback: every trace in it is listed"
}

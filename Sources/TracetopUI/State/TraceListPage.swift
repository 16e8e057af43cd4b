/// A list of trace summaries: the Traces view, and the "slowest traces of an operation" list.
public struct TraceListPage: Hashable, Sendable {
    public var title: String
    public var query: TraceQuery
    public var summaries: [TraceSummary] = []
    public var cursor = ListCursor()
    public var descending = true
    public var loaded = false

    public init(title: String, query: TraceQuery) {
        self.title = title
        self.query = query
    }

    var request: APIRequest { .traceSummaries(query) }

    public var selectedSummary: TraceSummary? {
        summaries.indices.contains(cursor.selected) ? summaries[cursor.selected] : nil
    }

    /// New data in: sort it, and keep the same trace selected (and the scroll offset) when it is still there.
    mutating func receive(_ fresh: [TraceSummary], visible: Int) {
        let selectedID = selectedSummary?.traceID
        summaries = Self.sorted(fresh, by: query.sort, descending: descending)
        loaded = true
        if let selectedID, let index = summaries.firstIndex(where: { $0.traceID == selectedID }) {
            let offset = cursor.selected - cursor.top
            cursor.selected = index
            cursor.top = max(0, index - offset)
        }
        cursor.clamp(count: summaries.count, visible: visible)
    }

    mutating func resort() {
        let selectedID = selectedSummary?.traceID
        summaries = Self.sorted(summaries, by: query.sort, descending: descending)
        if let selectedID, let index = summaries.firstIndex(where: { $0.traceID == selectedID }) { cursor.selected = index }
    }

    static func sorted(_ summaries: [TraceSummary], by sort: TraceSort, descending: Bool) -> [TraceSummary] {
        // Ties fall back to start time then id, so equal rows never swap places between refreshes.
        let ascending = summaries.sorted { lhs, rhs in
            switch sort {
            case .recent: return (lhs.startTime, lhs.traceID) < (rhs.startTime, rhs.traceID)
            case .duration: return (lhs.duration, lhs.startTime, lhs.traceID) < (rhs.duration, rhs.startTime, rhs.traceID)
            case .errors: return (lhs.errorCount, lhs.startTime, lhs.traceID) < (rhs.errorCount, rhs.startTime, rhs.traceID)
            case .spans: return (lhs.spanCount, lhs.startTime, lhs.traceID) < (rhs.spanCount, rhs.startTime, rhs.traceID)
            }
        }
        return descending ? ascending.reversed() : ascending
    }
}

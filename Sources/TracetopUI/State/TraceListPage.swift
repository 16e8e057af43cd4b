import TracetopAPI

/// A list of trace summaries: the Traces view, and the "slowest traces of an operation" list.
package struct TraceListPage: Hashable, Sendable {
    package var title: String
    package var query: TraceListQuery
    package var summaries: [TraceSummaryRow] = []
    package var cursor = ListCursor()
    package var descending = true
    package var loaded = false
    /// The why-line column (`w`): each visible trace is fetched once, lazily, and its why-line kept here.
    /// Summaries alone cannot say why (no spans, no messages), so the column is built from the traces.
    package var showWhy = false
    package var why: [String: WhyLine] = [:]
    /// `d` marks a trace as the baseline; Enter on another then compares the two.
    package var markedForCompare: String?
    /// Traces bigger than this are not fetched for the column (open one to read its why-line).
    package static let whyFetchLimit = 5_000

    package init(title: String, query: TraceListQuery) {
        self.title = title
        self.query = query
    }

    var request: APIRequest { .traceSummaries(query) }

    package var selectedSummary: TraceSummaryRow? {
        summaries.indices.contains(cursor.selected) ? summaries[cursor.selected] : nil
    }

    /// New data in: sort it, and keep the same trace selected (and the scroll offset) when it is still there.
    mutating func receive(_ fresh: [TraceSummaryRow], visible: Int) {
        let selectedID = selectedSummary?.traceID
        summaries = Self.sorted(fresh, by: query.sort, descending: descending)
        loaded = true
        // Bounded: only why-lines of listed traces are kept.
        if !why.isEmpty {
            let listed = Set(summaries.map(\.traceID))
            why = why.filter { listed.contains($0.key) }
        }
        if let selectedID, let index = summaries.firstIndex(where: { $0.traceID == selectedID }) {
            let offset = cursor.selected - cursor.top
            cursor.selected = index
            cursor.top = max(0, index - offset)
        }
        cursor.clamp(count: summaries.count, visible: visible)
    }

    /// The visible traces whose why-line the column still needs.
    func missingWhy(visible: Int) -> [String] {
        guard showWhy else { return [] }
        return summaries.dropFirst(cursor.top).prefix(visible)
            .filter { why[$0.traceID] == nil && $0.spanCount <= Self.whyFetchLimit }.map(\.traceID)
    }

    mutating func resort() {
        let selectedID = selectedSummary?.traceID
        summaries = Self.sorted(summaries, by: query.sort, descending: descending)
        if let selectedID, let index = summaries.firstIndex(where: { $0.traceID == selectedID }) { cursor.selected = index }
    }

    static func sorted(_ summaries: [TraceSummaryRow], by sort: TraceSort, descending: Bool) -> [TraceSummaryRow] {
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

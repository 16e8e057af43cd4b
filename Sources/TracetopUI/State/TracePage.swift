import TracetopAPI

/// One trace: the waterfall, the selected span's detail and the trace's logs.
package struct TracePage: Sendable {
    package enum Focus: Hashable, Sendable { case waterfall, detail, logs }
    /// What the page shows under its header: the waterfall (with detail and logs), the statistics (`t`) or
    /// the flame graph (`f`).
    package enum Mode: Hashable, Sendable { case waterfall, statistics, flame, compare }

    package var traceID: String
    /// Correlation ids known for the trace (from its summary and its logs), for `c`.
    package var correlationIds: [String]
    package var tree: TraceTree?
    /// Why the trace was slow or failed, computed once per arrival of the trace.
    package var why: WhyLine?
    package var rows: [WaterfallRow] = []
    package var collapsed: Set<Int> = []
    package var cursor = ListCursor()
    /// The time range the bars show when zoomed into a span.
    package var zoom: ClosedRange<Int64>?
    package var focus = Focus.waterfall
    package var mode = Mode.waterfall
    package var statistics = StatisticsState()
    /// The `/` search: matching spans, the others dimmed.
    package var search: SpanSearch?
    package var flame = FlameState()
    /// The comparison with a baseline trace (`D`, `d`, `:diff`).
    package var compare: CompareState?
    /// How the trace grew since it was opened (nil until it is loaded).
    package var live: LiveTrace?
    package var detailCursor = ListCursor()
    package var logs: [LogLine]?
    package var logCursor = ListCursor()
    package var error: String?
    /// A span to select once the trace has loaded (from a log line or a link).
    package var pendingSpanID: String?

    package init(traceID: String, correlationIds: [String] = [], selectSpanID: String? = nil, compareWith baselineID: String? = nil) {
        self.traceID = traceID
        self.correlationIds = correlationIds
        pendingSpanID = selectSpanID
        if let baselineID {
            compare = .with(baselineID)
            mode = .compare
        }
    }

    package var selectedSpan: Int? { rows.indices.contains(cursor.selected) ? rows[cursor.selected].span : nil }

    var requests: [APIRequest] { [.trace(id: traceID), .traceLogs(traceID: traceID)] }

    /// Log lines sorted by time, oldest first.
    package var sortedLogs: [LogLine] { logs ?? [] }

    mutating func receive(trace: TraceDetail, visible: Int) {
        // A reload (`r`) may bring more spans, which renumbers them: carry folds and selection over by span id.
        let old = self.tree
        let selectedID = old.flatMap { tree in selectedSpan.map { tree.spans[$0].spanID } }
        let collapsedIDs = old.map { tree in collapsed.map { tree.spans[$0].spanID } } ?? []
        let flameIDs = old.map { tree in (flame.root.map { tree.spans[$0].spanID }, flame.selected.map { tree.spans[$0].spanID }) }
        let tree = TraceTree(trace)
        self.tree = tree
        why = WhyLine(tree)
        if live == nil { live = LiveTrace(spansAtOpen: tree.count, spans: tree.count) } else { live?.arrived(spans: tree.count) }
        if mode == .statistics { statistics.recompute(tree) }
        // A live refresh rebuilds the search over the new tree; where `n`/`N` stand is carried over below.
        let searchPosition = search?.current
        if let text = search?.text { search = SpanSearch(text, in: tree) }
        if let baseline = compare?.baseline { compare?.compare(baseline: baseline, with: tree) }
        collapsed = Set(collapsedIDs.compactMap { tree.indexBySpanID[$0] })
        if let (root, selected) = flameIDs {
            flame.root = root.flatMap { tree.indexBySpanID[$0] }
            flame.selected = selected.flatMap { tree.indexBySpanID[$0] }
        }
        rows = tree.rows(collapsed: collapsed)
        error = nil
        if let target = pendingSpanID ?? selectedID {
            let offset = cursor.selected - cursor.top
            select(spanID: target, visible: visible)
            if pendingSpanID == nil { cursor.top = max(0, cursor.selected - offset) }
            pendingSpanID = nil
        }
        cursor.clamp(count: rows.count, visible: visible)
        keepSearchPosition(searchPosition)
    }

    /// After a refresh: the match the cursor is on, else the one `n`/`N` last went to (if it is still there).
    private mutating func keepSearchPosition(_ previous: Int?) {
        guard var search, !search.matches.isEmpty else { return }
        if let span = selectedSpan, let index = search.matches.firstIndex(of: span) {
            search.current = index
        } else if let previous {
            search.current = min(previous, search.matches.count - 1)
        }
        self.search = search
    }

    mutating func receive(logs fresh: [LogLine]) {
        logs = fresh.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }.map(\.element)
        for line in fresh { for id in line.correlationIds where !correlationIds.contains(id) { correlationIds.append(id) } }
        logCursor.clamp(count: fresh.count, visible: 1)
    }

    /// Selects a span by id, expanding its collapsed ancestors.
    mutating func select(spanID: String, visible: Int) {
        guard let tree, let index = tree.indexBySpanID[spanID] else { return }
        let hidden = tree.ancestors(of: index).filter { collapsed.contains($0) }
        if !hidden.isEmpty {
            collapsed.subtract(hidden)
            rows = tree.rows(collapsed: collapsed)
        }
        if let row = rows.firstIndex(where: { $0.span == index }) {
            cursor.select(row, count: rows.count, visible: visible)
            cursor.top = max(0, min(row - visible / 3, rows.count - visible))
            detailCursor = ListCursor()
        }
    }

    mutating func setCollapsed(_ spans: Set<Int>, visible: Int) {
        guard let tree else { return }
        let selected = selectedSpan
        collapsed = spans
        rows = tree.rows(collapsed: collapsed)
        if let selected, let row = rows.firstIndex(where: { $0.span == selected }) { cursor.selected = row }
        cursor.clamp(count: rows.count, visible: visible)
    }
}

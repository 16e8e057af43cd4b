/// The statistics table of a trace (`t`): grouping, sort and cursor, and the rows computed for them (kept,
/// so a keypress that only moves the cursor does not recompute a 10,000-span trace's numbers).
public struct StatisticsState: Sendable {
    public var grouping = TraceStatistics.Grouping.operation
    public var column = TraceStatistics.Column.selfTime
    public var descending = true
    public var cursor = ListCursor()
    public private(set) var rows: [TraceStatistics.Row] = []
    /// The rows of the current grouping before sorting: `s`/`S` only sort these again.
    private var grouped: [TraceStatistics.Row] = []

    public init() {}

    public var selectedRow: TraceStatistics.Row? { rows.indices.contains(cursor.selected) ? rows[cursor.selected] : nil }

    /// Recomputes the rows (the trace, the grouping or the sort changed), keeping the same group selected.
    mutating func recompute(_ tree: TraceTree) {
        grouped = TraceStatistics.rows(tree, grouping: grouping)
        resort()
    }

    /// The sort changed: the same rows in the new order, the same group still selected.
    mutating func resort() {
        let selected = selectedRow.map { ($0.service, $0.operation) }
        rows = TraceStatistics.sorted(grouped, by: column, descending: descending)
        if let selected, let index = rows.firstIndex(where: { ($0.service, $0.operation) == selected }) { cursor.selected = index }
    }
}

/// The statistics table of a trace (`t`): grouping, sort and cursor, and the rows computed for them (kept,
/// so a keypress that only moves the cursor does not recompute a 10,000-span trace's numbers).
package struct StatisticsState: Sendable {
    package var grouping = TraceStatistics.Grouping.operation
    package var column = TraceStatistics.Column.selfTime
    package var descending = true
    package var cursor = ListCursor()
    package private(set) var rows: [TraceStatistics.Row] = []
    /// The rows of the current grouping before sorting: `s`/`S` only sort these again.
    private var grouped: [TraceStatistics.Row] = []

    package init() {}

    package var selectedRow: TraceStatistics.Row? { rows.indices.contains(cursor.selected) ? rows[cursor.selected] : nil }

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

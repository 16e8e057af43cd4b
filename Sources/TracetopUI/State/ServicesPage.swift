import TracetopAPI

/// The Services view: latency per service and operation, and the selected operation's histogram.
package struct ServicesPage: Hashable, Sendable {
    package var rows: [LatencyRow] = []
    package var cursor = ListCursor()
    package var histogram: OperationHistogram?
    package var loaded = false

    package init() {}

    package var selectedRow: LatencyRow? { rows.indices.contains(cursor.selected) ? rows[cursor.selected] : nil }

    mutating func receive(_ fresh: [LatencyRow], visible: Int) {
        let selected = selectedRow.map { ($0.service, $0.operation) }
        rows = fresh.sorted { ($0.service, $0.operation, $0.spanKind ?? "") < ($1.service, $1.operation, $1.spanKind ?? "") }
        loaded = true
        if let selected, let index = rows.firstIndex(where: { ($0.service, $0.operation) == selected }) { cursor.selected = index }
        cursor.clamp(count: rows.count, visible: visible)
    }
}

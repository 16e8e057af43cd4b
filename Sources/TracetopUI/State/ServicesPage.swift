import TracetopAPI

/// The Services view: latency per service and operation, and the selected operation's histogram.
public struct ServicesPage: Hashable, Sendable {
    public var rows: [LatencyRow] = []
    public var cursor = ListCursor()
    public var histogram: OperationHistogram?
    public var loaded = false

    public init() {}

    public var selectedRow: LatencyRow? { rows.indices.contains(cursor.selected) ? rows[cursor.selected] : nil }

    mutating func receive(_ fresh: [LatencyRow], visible: Int) {
        let selected = selectedRow.map { ($0.service, $0.operation) }
        rows = fresh.sorted { ($0.service, $0.operation, $0.spanKind ?? "") < ($1.service, $1.operation, $1.spanKind ?? "") }
        loaded = true
        if let selected, let index = rows.firstIndex(where: { ($0.service, $0.operation) == selected }) { cursor.selected = index }
        cursor.clamp(count: rows.count, visible: visible)
    }
}

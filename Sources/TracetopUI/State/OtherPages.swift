/// The Logs view: tails all logs matching a filter, newest at the bottom.
public struct LogsPage: Hashable, Sendable {
    public var query = LogQuery()
    public var lines: [LogLine] = []
    public var cursor = ListCursor()
    /// Stay on the newest line as new ones arrive (on until the user moves up).
    public var follow = true
    public var loaded = false

    public init() {}

    var request: APIRequest { .logs(query) }

    mutating func receive(_ fresh: [LogLine], visible: Int) {
        // The API answers newest first when no trace or correlation is given; show oldest at the top like a tail.
        let selected = lines.indices.contains(cursor.selected) ? lines[cursor.selected] : nil
        lines = fresh.enumerated().sorted { ($0.element.timestamp, -$0.offset) < ($1.element.timestamp, -$1.offset) }.map(\.element)
        loaded = true
        if follow {
            cursor.select(lines.count - 1, count: lines.count, visible: visible)
        } else if let selected, let index = lines.firstIndex(of: selected) {
            let offset = cursor.selected - cursor.top
            cursor.selected = index
            cursor.top = max(0, index - offset)
            cursor.clamp(count: lines.count, visible: visible)
        } else {
            cursor.clamp(count: lines.count, visible: visible)
        }
    }
}

/// The Services view: latency per service and operation, and the selected operation's histogram.
public struct ServicesPage: Hashable, Sendable {
    public var rows: [LatencyRow] = []
    public var cursor = ListCursor()
    public var histogram: LatencyHistogram?
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

/// Every trace and log line sharing one correlation id.
public struct CorrelationPage: Hashable, Sendable {
    public var correlationId: String
    public var correlation: Correlation?
    public var cursor = ListCursor()
    public var error: String?

    public init(correlationId: String) { self.correlationId = correlationId }

    var request: APIRequest { .correlation(id: correlationId) }

    /// Traces first, then log lines: one list so j/k walk through both.
    public var itemCount: Int { (correlation?.traces.count ?? 0) + (correlation?.logs.count ?? 0) }
}

/// One page of a view stack.
public enum Page: Sendable {
    case traces(TraceListPage)
    case trace(TracePage)
    case logs(LogsPage)
    case services(ServicesPage)
    case correlation(CorrelationPage)
}

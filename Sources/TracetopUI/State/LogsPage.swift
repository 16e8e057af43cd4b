import TracetopAPI

/// The Logs view: tails all logs matching a filter, newest at the bottom.
package struct LogsPage: Hashable, Sendable {
    package var query = LogListQuery()
    package var lines: [LogLine] = []
    package var cursor = ListCursor()
    /// Stay on the newest line as new ones arrive (on until the user moves up).
    package var follow = true
    package var loaded = false

    package init() {}

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

/// Jaeger's "trace statistics" as values: per service or per (service, operation), how many spans, their
/// total and self time, average, minimum, maximum, and the share of the trace's duration spent in their
/// own code. Pure, so the view and the tests read the same numbers.
package enum TraceStatistics {
    package enum Grouping: Hashable, Sendable { case service, operation }

    /// The columns, in the order the table shows them; `s` sorts by the next one.
    package enum Column: Int, CaseIterable, Hashable, Sendable {
        case name, count, total, selfTime, average, minimum, maximum, share

        package var next: Column { Column(rawValue: (rawValue + 1) % Column.allCases.count)! }
    }

    package struct Row: Hashable, Sendable {
        package var service: String
        /// nil when grouped by service.
        package var operation: String?
        package var count: Int
        package var total: Int64
        package var selfTime: Int64
        package var minimum: Int64
        package var maximum: Int64
        /// Self time over the trace's duration.
        package var share: Double
        /// The group's earliest span, where Enter goes in the waterfall.
        package var firstSpan: Int

        package var average: Int64 { count == 0 ? 0 : total / Int64(count) }
        package var name: String { operation.map { service + " " + $0 } ?? service }
    }

    package static func rows(_ tree: TraceTree, grouping: Grouping, selfTimes: [Int64]? = nil) -> [Row] {
        let selfTimes = selfTimes ?? SelfTime.of(tree)
        let traceDuration = max(1, tree.endTime - tree.startTime)
        var index: [OperationKey: Int] = [:]
        var rows: [Row] = []
        for span in tree.spans.indices {
            let record = tree.spans[span]
            let service = tree.serviceNames[span]
            var key = OperationKey(tree, span)
            if grouping == .service { key.operation = "" }
            if let position = index[key] {
                rows[position].count += 1
                rows[position].total += record.duration
                rows[position].selfTime += selfTimes[span]
                rows[position].minimum = min(rows[position].minimum, record.duration)
                rows[position].maximum = max(rows[position].maximum, record.duration)
                let first = rows[position].firstSpan
                if (record.startTime, span) < (tree.spans[first].startTime, first) { rows[position].firstSpan = span }
            } else {
                index[key] = rows.count
                rows.append(
                    Row(
                        service: service, operation: grouping == .service ? nil : record.operationName, count: 1,
                        total: record.duration, selfTime: selfTimes[span], minimum: record.duration,
                        maximum: record.duration, share: 0, firstSpan: span))
            }
        }
        for position in rows.indices { rows[position].share = Double(rows[position].selfTime) / Double(traceDuration) }
        return rows
    }

    /// Sorted by a column; ties by name so the order never flickers.
    package static func sorted(_ rows: [Row], by column: Column, descending: Bool) -> [Row] {
        // The sort key is read once per row, not once per comparison.
        let keys: [Double] = rows.map { row in
            switch column {
            case .name: return 0
            case .count: return Double(row.count)
            case .total: return Double(row.total)
            case .selfTime: return Double(row.selfTime)
            case .average: return Double(row.average)
            case .minimum: return Double(row.minimum)
            case .maximum: return Double(row.maximum)
            case .share: return row.share
            }
        }
        let order = rows.indices.sorted { lhs, rhs in
            if keys[lhs] != keys[rhs] { return keys[lhs] < keys[rhs] }
            return (rows[lhs].service, rows[lhs].operation ?? "") < (rows[rhs].service, rows[rhs].operation ?? "")
        }
        return (descending ? order.reversed() : order).map { rows[$0] }
    }
}

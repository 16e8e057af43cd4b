import NIOCore
import PostgresNIO
import TraceModel
import TraceStore

extension PostgresTraceStore {
    /// Merges the stored histograms of each matching operation over the window; never reads spans. Whole hours
    /// come from the hourly roll-up and the ragged ends from the minutes (`LatencyRange`, as the SQLite store).
    /// Minutes and series buckets as the SQLite store counts them: a span counts in the minute it started, the
    /// window covers the minutes from `fromNanos`'s to `toNanos`'s, and each series bucket starts `stepNanos`
    /// apart from the window's first minute.
    package func latency(_ query: LatencyQuery) async throws -> [OperationLatency] {
        var sql = BoundSQL()
        var conditions = ["true"]
        if let service = query.service { conditions.append("s.name = \(try sql.bind(bytesOf: service))") }
        if let operation = query.operation { conditions.append("o.name = \(try sql.bind(bytesOf: operation))") }
        if let kind = query.kind { conditions.append("o.kind = \(try sql.bind(kind.rawValue))") }
        var operations: [Int64: OperationName] = [:]
        for row in try await rows(
            sql.query(
                """
                SELECT o.id, s.name, o.name, o.kind FROM operations o JOIN services s ON s.id = o.service_id
                WHERE \(conditions.joined(separator: " AND "))
                """))
        {
            let (id, service, name, kind) = try row.decode((Int64, ByteBuffer, ByteBuffer, Int32).self)
            operations[id] = OperationName(service: String(buffer: service), name: String(buffer: name), kind: SpanKind(rawValue: kind))
        }
        guard !operations.isEmpty else { return [] }
        let fromMinute = Int64(clamping: query.fromNanos / 60_000_000_000)
        let toMinute = Int64(clamping: query.toNanos / 60_000_000_000)
        let stepMinutes = query.stepNanos.map { max(1, Int64(clamping: $0 / 60_000_000_000)) }
        let ids = Array(operations.keys)
        let ranges = LatencyRange.plan(from: fromMinute, to: toMinute, stepMinutes: stepMinutes)

        var buckets: [MinuteKey: [(value: UInt64, count: UInt64)]] = [:]
        let window = LatencyWindow(ranges: ranges, operations: ids, fromMinute: fromMinute, toMinute: toMinute, stepMinutes: stepMinutes)
        // Each (series bucket, operation)'s histogram as two arrays: from the folded histogram rows as stored, and from
        // the pending rows (`LatencyFold`), summed per bucket; the counts from both at once. One snapshot, so a fold
        // running meanwhile neither hides rows nor counts them twice.
        let folded = try window.sql(
            columns: "buckets, counts", sums: "buckets, counts", groupBy: nil,
            parts: window.folded { $0.table == "latency_hours" ? "latency_hour_histograms" : "latency_minute_histograms" })
        let pending = try window.sql(
            columns: "bucket, count", sums: "array_agg(bucket), array_agg(count)", groupBy: "1, 2", parts: [window.pending])
        let counts = try window.sql(
            columns: "count, error_count, max_micros", sums: "sum(count)::bigint, sum(error_count)::bigint, max(max_micros)",
            groupBy: "1, 2", parts: window.folded(\.table) + [window.pending])
        let (histogramRows, countRows) = try await snapshot { [logger] connection in
            (
                try await connection.rows(folded, logger: logger) + connection.rows(pending, logger: logger),
                try await connection.rows(counts, logger: logger)
            )
        }
        for row in histogramRows {
            let (minute, operation, values, counts) = try row.decode((Int64, Int64, [Int64], [Int64]).self)
            buckets[MinuteKey(minute: minute, operation: operation), default: []].append(
                contentsOf: zip(values, counts).map { (UInt64(clamping: $0), UInt64(clamping: $1)) })
        }
        var totals: [Int64: LatencyHistogram] = [:]
        var series: [Int64: [Int64: LatencyHistogram]] = [:]
        for row in countRows {
            let (minute, operation, count, errors, maxMicros) = try row.decode((Int64, Int64, Int64, Int64, Int64).self)
            let counts = buckets[MinuteKey(minute: minute, operation: operation)] ?? []
            let max = UInt64(clamping: maxMicros)
            totals[operation, default: LatencyHistogram()].merge(
                bucketCounts: counts, maxMicros: max, count: Int(count), errorCount: Int(errors))
            if stepMinutes != nil {
                series[operation, default: [:]][minute, default: LatencyHistogram()]
                    .merge(bucketCounts: counts, maxMicros: max, count: Int(count), errorCount: Int(errors))
            }
        }
        return totals.compactMap { operationID, total -> OperationLatency? in
            guard let operation = operations[operationID] else { return nil }
            let buckets = (series[operationID] ?? [:]).sorted { $0.key < $1.key }.map { minute, histogram in
                OperationLatency.Bucket(startNanos: UInt64(clamping: minute) * 60_000_000_000, figures: histogram.figures)
            }
            return OperationLatency(operation: operation, figures: total.figures, series: buckets, histogram: total.buckets)
        }.sorted {
            ($0.operation.service, $0.operation.name, $0.operation.kind.rawValue) < (
                $1.operation.service, $1.operation.name, $1.operation.kind.rawValue
            )
        }
    }
}

/// A latency window as one statement over its parts (`UNION ALL`), summed in PostgreSQL per operation and series
/// bucket (the window's first minute when there is no series): a day of a hundred operations returns a few
/// thousand rows, not one per stored row.
private struct LatencyWindow {
    /// Rows of one table within a range of its unit (minutes or hours).
    struct Part {
        var table: String
        var column: String
        var low: Int64
        var high: Int64
        var minutesPerUnit: Int64
    }

    var ranges: [LatencyRange]
    var operations: [Int64]
    var fromMinute: Int64
    var toMinute: Int64
    var stepMinutes: Int64?

    /// The folded rows of each range, in the table `table` names for it.
    func folded(_ table: (LatencyRange) -> String) -> [Part] {
        ranges.map { Part(table: table($0), column: $0.column, low: $0.low, high: $0.high, minutesPerUnit: $0.minutesPerUnit) }
    }

    /// The pending rows of the whole window: they are by minute, whichever ranges read hours.
    var pending: Part { Part(table: "latency_pending", column: "minute", low: fromMinute, high: toMinute, minutesPerUnit: 1) }

    /// Rows of (series bucket's minute, operation id, `sums`…); each stored row as it is when `groupBy` is nil.
    func sql(columns: String, sums: String, groupBy: String?, parts: [Part]) throws -> PostgresQuery {
        var sql = BoundSQL()
        let ids = try sql.bind(operations)
        let selects = try parts.map { part in
            """
            SELECT \(part.column) * \(part.minutesPerUnit) AS minute, operation_id, \(columns) FROM \(part.table)
            WHERE \(part.column) BETWEEN \(try sql.bind(part.low)) AND \(try sql.bind(part.high)) AND operation_id = ANY(\(ids)::bigint[])
            """
        }
        let from = try sql.bind(fromMinute)
        // As the SQLite store buckets a series: each bucket starts a whole number of steps after the first minute.
        let bucket = try stepMinutes.map { "minute - ((minute - \(from)) % \(try sql.bind($0)))" } ?? from
        return sql.query(
            "SELECT \(bucket) AS minute, operation_id, \(sums) FROM (\(selects.joined(separator: " UNION ALL "))) u"
                + (groupBy.map { " GROUP BY \($0)" } ?? ""))
    }
}

private struct MinuteKey: Hashable {
    var minute: Int64
    var operation: Int64
}

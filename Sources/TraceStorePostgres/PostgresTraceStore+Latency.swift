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
        // Every operation's rows are read unfiltered when no filter was given.
        let filtered = query.service != nil || query.operation != nil || query.kind != nil
        let ids = filtered ? Array(operations.keys) : []
        let ranges = LatencyRange.plan(from: fromMinute, to: toMinute, stepMinutes: stepMinutes)

        // One statement, so one snapshot: a fold running meanwhile neither hides rows nor counts them twice.
        let rows = try await rows(
            LatencyRead(operations: ids, ranges: ranges, fromMinute: fromMinute, toMinute: toMinute, stepMinutes: stepMinutes))
        var totals: [Int64: LatencyHistogram] = [:]
        var series: [Int64: [Int64: LatencyHistogram]] = [:]
        func add(_ row: LatencyCells, buckets: [(value: UInt64, count: UInt64)], count: Int64, errors: Int64, max: Int64) {
            totals[row.operation, default: LatencyHistogram()].merge(
                bucketCounts: buckets, maxMicros: UInt64(clamping: max), count: Int(count), errorCount: Int(errors))
            if stepMinutes != nil {
                series[row.operation, default: [:]][row.minute, default: LatencyHistogram()]
                    .merge(bucketCounts: buckets, maxMicros: UInt64(clamping: max), count: Int(count), errorCount: Int(errors))
            }
        }
        for row in rows {
            switch row.kind {
            case .folded:
                add(row, buckets: [], count: row.a, errors: row.b, max: row.c)
                for encoded in try HistogramList.histograms(row.list ?? []) {
                    try totals[row.operation]!.merge(encoded: encoded, count: 0, errorCount: 0)
                    if stepMinutes != nil { try series[row.operation]![row.minute]!.merge(encoded: encoded, count: 0, errorCount: 0) }
                }
            case .pendingBuckets:
                add(row, buckets: try PendingBucketList.pairs(row.list ?? []), count: row.a, errors: row.b, max: row.c)
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

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

        let window = LatencyWindow(ranges: ranges, fromMinute: fromMinute, toMinute: toMinute, stepMinutes: stepMinutes)
        // One statement, so one snapshot (a fold running meanwhile neither hides rows nor counts them twice) and one
        // round trip: each (series bucket, operation)'s histograms as stored (`LatencyCounts`' encoding) and counts
        // summed, and the pending rows (`LatencyFold`) summed per bucket, read once for both their counts and their
        // buckets (a scan of every pending row, up to a fold's interval of ingest, was most of a busy server's time).
        var statement = BoundSQL()
        let boundIDs = try statement.bind(ids)
        let selects = [
            try window.select(
                kind: .histogram, columns: "histogram", sums: "0::bigint, 0::bigint, 0::bigint, 0::bigint, histogram", groupBy: nil,
                parts: window.folded { $0.table == "latency_hours" ? "latency_hour_histograms" : "latency_minute_histograms" },
                ids: boundIDs, sql: &statement),
            try window.select(
                kind: .pendingBucket, columns: "bucket, count, error_count, max_micros",
                sums: "bucket, sum(count)::bigint, sum(error_count)::bigint, max(max_micros), NULL::bytea", groupBy: "2, 3, 4",
                parts: [window.pending], ids: boundIDs, sql: &statement),
            try window.select(
                kind: .counts, columns: "count, error_count, max_micros",
                sums: "sum(count)::bigint, sum(error_count)::bigint, max(max_micros), 0::bigint, NULL::bytea", groupBy: "2, 3",
                parts: window.folded(\.table), ids: boundIDs, sql: &statement)
        ]
        let rows = try await rows(statement.query(selects.map { "(\($0))" }.joined(separator: " UNION ALL ")))
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
        let cells = try rows.map(LatencyCells.init)
        // Counts first (folded and pending): a histogram counts where its minute and operation have counts, as with
        // SQLite's rows.
        for row in cells {
            switch row.kind {
            case .counts: add(row, buckets: [], count: row.a, errors: row.b, max: row.c)
            case .pendingBucket:
                add(row, buckets: [(UInt64(clamping: row.a), UInt64(clamping: row.b))], count: row.b, errors: row.c, max: row.d)
            case .histogram: continue
            }
        }
        for row in cells where row.kind == .histogram {
            guard let encoded = row.histogram, totals[row.operation] != nil,
                stepMinutes == nil || series[row.operation]?[row.minute] != nil
            else { continue }
            try totals[row.operation]!.merge(encoded: encoded, count: 0, errorCount: 0)
            if stepMinutes != nil { try series[row.operation]![row.minute]!.merge(encoded: encoded, count: 0, errorCount: 0) }
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

/// A latency window as `SELECT`s over its parts (`UNION ALL`): counts and pending buckets summed in PostgreSQL per
/// operation and series bucket (the window's first minute when there is no series), histograms as stored (a row
/// per hour or minute and operation: about 3,000 for a day of 59 operations, a few hundred bytes each).
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
    var fromMinute: Int64
    var toMinute: Int64
    var stepMinutes: Int64?

    /// The folded rows of each range, in the table `table` names for it.
    func folded(_ table: (LatencyRange) -> String) -> [Part] {
        ranges.map { Part(table: table($0), column: $0.column, low: $0.low, high: $0.high, minutesPerUnit: $0.minutesPerUnit) }
    }

    /// The pending rows of the whole window: they are by minute, whichever ranges read hours.
    var pending: Part { Part(table: "latency_pending", column: "minute", low: fromMinute, high: toMinute, minutesPerUnit: 1) }

    /// Rows of (`kind`, series bucket's minute, operation id, `sums`…: four `bigint` and a `bytea`); each stored
    /// row as it is when `groupBy` is nil.
    func select(kind: LatencyCells.Kind, columns: String, sums: String, groupBy: String?, parts: [Part], ids: String, sql: inout BoundSQL)
        throws -> String
    {
        let selects = try parts.map { part in
            """
            SELECT \(part.column) * \(part.minutesPerUnit) AS minute, operation_id, \(columns) FROM \(part.table)
            WHERE \(part.column) BETWEEN \(try sql.bind(part.low)) AND \(try sql.bind(part.high)) AND operation_id = ANY(\(ids)::bigint[])
            """
        }
        let from = try sql.bind(fromMinute)
        // As the SQLite store buckets a series: each bucket starts a whole number of steps after the first minute.
        let bucket = try stepMinutes.map { "minute - ((minute - \(from)) % \(try sql.bind($0)))" } ?? from
        return "SELECT \(kind.rawValue), \(bucket) AS minute, operation_id, \(sums) FROM (\(selects.joined(separator: " UNION ALL "))) u"
            + (groupBy.map { " GROUP BY \($0)" } ?? "")
    }
}

/// A row of the latency statement, read cell by cell from PostgreSQL's binary format (a day of 59 operations is
/// about 4,000 rows).
struct LatencyCells {
    enum Kind: Int32 {
        /// A stored histogram: `histogram`.
        case histogram = 0
        /// A pending bucket: `a` its value, `b` its spans, `c` their errors, `d` the longest.
        case pendingBucket = 1
        /// Folded counts: `a` spans, `b` errors, `c` the largest duration.
        case counts = 2
    }

    var kind: Kind
    var minute: Int64
    var operation: Int64
    var a: Int64
    var b: Int64
    var c: Int64
    var d: Int64
    var histogram: [UInt8]?

    init(_ row: PostgresRow) throws {
        var cells = row.makeIterator()
        func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            guard let bytes = cells.next()?.bytes, bytes.readableBytes == MemoryLayout<I>.size,
                let value = bytes.getInteger(at: bytes.readerIndex, as: I.self)
            else { throw StoreError("a latency read returned a NULL or short integer column") }
            return value
        }
        guard let kind = Kind(rawValue: try integer(Int32.self)) else { throw StoreError("a latency read returned an unknown row kind") }
        self.kind = kind
        minute = try integer(Int64.self)
        operation = try integer(Int64.self)
        a = try integer(Int64.self)
        b = try integer(Int64.self)
        c = try integer(Int64.self)
        d = try integer(Int64.self)
        histogram = cells.next()?.bytes.map { Array($0.readableBytesView) }
    }
}

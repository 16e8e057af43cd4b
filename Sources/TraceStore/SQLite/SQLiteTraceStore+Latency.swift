import TraceModel
import GRDB
import Foundation

extension SQLiteTraceStore {
    /// Merges the stored histograms of each matching operation over the window; never reads spans. Whole hours
    /// come from `latency_hours` and the ragged ends from `latency_minutes`, so a day costs 24 rows per
    /// operation instead of 1,440; the last commits' counts come from `latency_pending`.
    package func latency(_ query: LatencyQuery) async throws -> [OperationLatency] {
        try await pool.read { db in
            let operations = try Self.latencyOperations(query, db: db)
            let fromMinute = StoredTime.minute(of: query.fromNanos)
            let stepMinutes = query.stepNanos.map { max(1, Int64($0 / 60_000_000_000)) }
            let toMinute = StoredTime.minute(of: query.toNanos)
            let ranges = LatencyRange.plan(from: fromMinute, to: toMinute, stepMinutes: stepMinutes)
            var merged: [Int64: MergedLatency] = Dictionary(uniqueKeysWithValues: operations.map { ($0.0, MergedLatency()) })
            for range in ranges {
                // One primary-key range per table for all operations: rows of other operations are skipped here
                // rather than costing a range read each. No join, no GRDB row per histogram.
                let statement = RawStatement(
                    try db.cachedStatement(
                        sql: """
                            SELECT \(range.column), operation_id, count, error_count, histogram FROM \(range.table)
                            WHERE \(range.column) BETWEEN ? AND ?
                            """))
                defer { statement.reset() }
                statement.bind(1, range.low)
                statement.bind(2, range.high)
                while try statement.step(db) {
                    let operationID = statement.int64(1)
                    guard merged[operationID] != nil else { continue }
                    let encoded = statement.blob(4)
                    let count = Int(statement.int64(2)), errorCount = Int(statement.int64(3))
                    let bucket = stepMinutes.map { stepMinutes in
                        let minute = statement.int64(0) * range.minutesPerUnit
                        return minute - ((minute - fromMinute) % stepMinutes)
                    }
                    try merged[operationID]!.merge(encoded: encoded, count: count, errorCount: errorCount, seriesBucket: bucket)
                }
            }
            // Counts of the last commits, not yet merged into the tables: minutes like `latency_minutes`'.
            for entry in try PendingLatency.entries(db) where entry.key.minute >= fromMinute && entry.key.minute <= toMinute {
                guard merged[entry.key.operationID] != nil else { continue }
                let bucket = stepMinutes.map { entry.key.minute - ((entry.key.minute - fromMinute) % $0) }
                try merged[entry.key.operationID]!.merge(
                    encoded: entry.histogram, count: entry.count, errorCount: entry.errorCount, seriesBucket: bucket)
            }
            var results: [OperationLatency] = []
            for (operationID, operation) in operations {
                guard let latency = merged[operationID], latency.found else { continue }
                let buckets = latency.series.sorted { $0.key < $1.key }.map { minute, histogram in
                    OperationLatency.Bucket(startNanos: UInt64(minute) * 60_000_000_000, figures: histogram.figures)
                }
                results.append(
                    OperationLatency(
                        operation: operation, figures: latency.total.figures, series: buckets, histogram: latency.total.buckets))
            }
            return results.sorted {
                ($0.operation.service, $0.operation.name, $0.operation.kind.rawValue) < (
                    $1.operation.service, $1.operation.name, $1.operation.kind.rawValue
                )
            }
        }
    }

    /// The operations a latency query covers, with their names: looked up once, not joined on every histogram row.
    private static func latencyOperations(_ query: LatencyQuery, db: Database) throws -> [(Int64, OperationName)] {
        var sql =
            "SELECT o.id, CAST(s.name AS BLOB), CAST(o.name AS BLOB), o.kind FROM operations o JOIN services s ON s.id = o.service_id WHERE 1"
        var arguments: StatementArguments = []
        if let service = query.service { sql += " AND s.name = CAST(? AS TEXT)"; arguments += [StoredText.bytes(service)] }
        if let operation = query.operation { sql += " AND o.name = CAST(? AS TEXT)"; arguments += [StoredText.bytes(operation)] }
        if let kind = query.kind { sql += " AND o.kind = ?"; arguments += [kind.rawValue] }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            (row[0], OperationName(service: StoredText.string(row[1]), name: StoredText.string(row[2]), kind: SpanKind(rawValue: row[3])))
        }
    }
}

/// A stretch of the latency window read from one table: whole hours from `latency_hours`, the rest from
/// `latency_minutes`. Hours are used only when they cannot straddle a series bucket. Public for the PostgreSQL
/// store, whose tables have the same names.
package struct LatencyRange: Equatable, Sendable {
    package var table: String
    package var column: String
    package var low: Int64
    package var high: Int64
    package var minutesPerUnit: Int64

    static func minutes(_ low: Int64, _ high: Int64) -> LatencyRange {
        LatencyRange(table: "latency_minutes", column: "minute", low: low, high: high, minutesPerUnit: 1)
    }

    package static func plan(from fromMinute: Int64, to toMinute: Int64, stepMinutes: Int64?) -> [LatencyRange] {
        let hoursFit = stepMinutes.map { $0 % 60 == 0 && fromMinute % 60 == 0 } ?? true
        let firstHour = (fromMinute + 59) / 60
        let lastHour = (toMinute + 1) / 60 - 1
        guard hoursFit, fromMinute >= 0, firstHour <= lastHour else { return [minutes(fromMinute, toMinute)] }
        var ranges = [LatencyRange(table: "latency_hours", column: "hour", low: firstHour, high: lastHour, minutesPerUnit: 60)]
        if fromMinute < firstHour * 60 { ranges.append(minutes(fromMinute, firstHour * 60 - 1)) }
        if (lastHour + 1) * 60 <= toMinute { ranges.append(minutes((lastHour + 1) * 60, toMinute)) }
        return ranges
    }
}

/// One operation's histograms merged over a latency query's window, and per series bucket when asked.
private struct MergedLatency {
    var total = LatencyHistogram()
    var series: [Int64: LatencyHistogram] = [:]
    var found = false

    mutating func merge(encoded: [UInt8], count: Int, errorCount: Int, seriesBucket: Int64?) throws {
        found = true
        try total.merge(encoded: encoded, count: count, errorCount: errorCount)
        if let seriesBucket {
            try series[seriesBucket, default: LatencyHistogram()].merge(encoded: encoded, count: count, errorCount: errorCount)
        }
    }
}

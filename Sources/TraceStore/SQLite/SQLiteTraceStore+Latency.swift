import TraceModel
import GRDB
import Foundation

extension SQLiteTraceStore {
    /// Merges the stored histograms of each matching operation over the window; never reads spans. Whole hours
    /// come from `latency_hours` and the ragged ends from `latency_minutes`, so a day costs 24 rows per
    /// operation instead of 1,440.
    public func latency(_ query: LatencyQuery) async throws -> [OperationLatency] {
        try await pool.read { db in
            var filter = ""
            var filterArguments: StatementArguments = []
            if let service = query.service { filter += " AND s.name = CAST(? AS TEXT)"; filterArguments += [StoredText.bytes(service)] }
            if let operation = query.operation { filter += " AND o.name = CAST(? AS TEXT)"; filterArguments += [StoredText.bytes(operation)] }
            if let kind = query.kind { filter += " AND o.kind = ?"; filterArguments += [kind.rawValue] }
            let fromMinute = StoredTime.minute(of: query.fromNanos)
            let stepMinutes = query.stepNanos.map { max(1, Int64($0 / 60_000_000_000)) }
            var totals: [Int64: (OperationName, LatencyHistogram)] = [:]
            var series: [Int64: [Int64: LatencyHistogram]] = [:]
            for range in LatencyRange.plan(from: fromMinute, to: StoredTime.minute(of: query.toNanos), stepMinutes: stepMinutes) {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT m.operation_id, CAST(s.name AS BLOB), CAST(o.name AS BLOB), o.kind, m.\(range.column), m.count, m.error_count, m.histogram
                        FROM \(range.table) m JOIN operations o ON o.id = m.operation_id JOIN services s ON s.id = o.service_id
                        WHERE m.\(range.column) BETWEEN ? AND ?\(filter)
                        """,
                    arguments: [range.low, range.high] + filterArguments)
                while let row = try rows.next() {
                    let operationID: Int64 = row[0]
                    let encoded = [UInt8](row[7] as Data)
                    if totals[operationID] == nil {
                        totals[operationID] = (OperationName(service: StoredText.string(row[1]), name: StoredText.string(row[2]), kind: SpanKind(rawValue: row[3])), LatencyHistogram())
                    }
                    try totals[operationID]!.1.merge(encoded: encoded, count: row[5], errorCount: row[6])
                    if let stepMinutes {
                        let minute = (row[4] as Int64) * range.minutesPerUnit
                        let bucket = minute - ((minute - fromMinute) % stepMinutes)
                        try series[operationID, default: [:]][bucket, default: LatencyHistogram()]
                            .merge(encoded: encoded, count: row[5], errorCount: row[6])
                    }
                }
            }
            return totals.map { operationID, value in
                let buckets = (series[operationID] ?? [:]).sorted { $0.key < $1.key }.map { minute, histogram in
                    OperationLatency.Bucket(startNanos: UInt64(minute) * 60_000_000_000, figures: histogram.figures)
                }
                return OperationLatency(operation: value.0, figures: value.1.figures, series: buckets, histogram: value.1.buckets)
            }.sorted { ($0.operation.service, $0.operation.name, $0.operation.kind.rawValue) < ($1.operation.service, $1.operation.name, $1.operation.kind.rawValue) }
        }
    }
}

/// A stretch of the latency window read from one table: whole hours from `latency_hours`, the rest from
/// `latency_minutes`. Hours are used only when they cannot straddle a series bucket.
struct LatencyRange: Equatable {
    var table: String
    var column: String
    var low: Int64
    var high: Int64
    var minutesPerUnit: Int64

    static func minutes(_ low: Int64, _ high: Int64) -> LatencyRange {
        LatencyRange(table: "latency_minutes", column: "minute", low: low, high: high, minutesPerUnit: 1)
    }

    static func plan(from fromMinute: Int64, to toMinute: Int64, stepMinutes: Int64?) -> [LatencyRange] {
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

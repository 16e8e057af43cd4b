import TraceModel
import GRDB
import Foundation

extension SQLiteTraceStore {
    /// Merges the per-minute histograms of each matching operation over the window; never reads spans.
    public func latency(_ query: LatencyQuery) async throws -> [OperationLatency] {
        try await pool.read { db in
            var conditions = ["m.minute BETWEEN ? AND ?"]
            var arguments: StatementArguments = [StoredTime.minute(of: query.fromNanos), StoredTime.minute(of: query.toNanos)]
            if let service = query.service { conditions.append("s.name = CAST(? AS TEXT)"); arguments += [StoredText.bytes(service)] }
            if let operation = query.operation { conditions.append("o.name = CAST(? AS TEXT)"); arguments += [StoredText.bytes(operation)] }
            if let kind = query.kind { conditions.append("o.kind = ?"); arguments += [kind.rawValue] }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT m.operation_id, CAST(s.name AS BLOB), CAST(o.name AS BLOB), o.kind, m.minute, m.count, m.error_count, m.histogram
                    FROM latency_minutes m JOIN operations o ON o.id = m.operation_id JOIN services s ON s.id = o.service_id
                    WHERE \(conditions.joined(separator: " AND "))
                    """,
                arguments: arguments)
            let stepMinutes = query.stepNanos.map { max(1, Int64($0 / 60_000_000_000)) }
            var totals: [Int64: (OperationName, LatencyHistogram)] = [:]
            var series: [Int64: [Int64: LatencyHistogram]] = [:]
            while let row = try rows.next() {
                let operationID: Int64 = row[0]
                let histogram = try LatencyHistogram(encoded: [UInt8](row[7] as Data), count: row[5], errorCount: row[6])
                if totals[operationID] == nil {
                    totals[operationID] = (OperationName(service: StoredText.string(row[1]), name: StoredText.string(row[2]), kind: SpanKind(rawValue: row[3])), LatencyHistogram())
                }
                totals[operationID]!.1.merge(histogram)
                if let stepMinutes {
                    let minute: Int64 = row[4]
                    let bucket = minute - ((minute - StoredTime.minute(of: query.fromNanos)) % stepMinutes)
                    series[operationID, default: [:]][bucket, default: LatencyHistogram()].merge(histogram)
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

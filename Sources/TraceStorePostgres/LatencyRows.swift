import Logging
import PostgresNIO
import TraceStore

/// What a commit adds to the latency histograms: the spans it inserted (a re-sent span is counted once, when
/// first stored), per (minute of start, operation), in `LatencyCounts`' HdrHistogram buckets. Stored as rows that
/// merge by addition (`latency_minutes`: count, errors, max; `latency_buckets`: one count per bucket), so
/// concurrent collectors' counts add up with no read-modify-write. The same counts go by hour into
/// `latency_hours` and `latency_hour_buckets` (schema v3), so a day's query reads 24 rows per operation and
/// bucket, not 1,440 (`LatencyRange` picks which table covers which part of a window).
struct LatencyRows {
    /// Which tables the rows go to; `Key.minute` holds the unit's number (minute or hour since the epoch).
    enum Unit {
        case minute, hour
        var nanos: Int64 { self == .minute ? 60_000_000_000 : 3_600_000_000_000 }
        var counts: (table: String, column: String) { self == .minute ? ("latency_minutes", "minute") : ("latency_hours", "hour") }
        var buckets: String { self == .minute ? "latency_buckets" : "latency_hour_buckets" }
        /// The bucket table beside a count table `LatencyRange` names.
        static func bucketTable(of countTable: String) -> String {
            countTable == "latency_hours" ? "latency_hour_buckets" : "latency_buckets"
        }
    }

    private struct Key: Hashable, Comparable {
        var minute: Int64
        var operation: Int64
        static func < (a: Self, b: Self) -> Bool { (a.minute, a.operation) < (b.minute, b.operation) }
    }

    private var counts: [Key: LatencyCounts] = [:]
    private let unit: Unit

    init(spans: SpanColumns, inserted: Set<Int>, unit: Unit = .minute) {
        self.unit = unit
        for index in inserted {
            let key = Key(minute: spans.starts[index] / unit.nanos, operation: spans.operations[index])
            counts[key, default: LatencyCounts()].record(micros: UInt64(spans.durationNanos(index) / 1000), isError: spans.errors[index])
        }
    }

    func merge(_ connection: PostgresConnection, logger: Logger) async throws {
        guard !counts.isEmpty else { return }
        let keys = counts.keys.sorted()
        let minutes = keys.map(\.minute), operations = keys.map(\.operation)
        let totals = keys.map { Int64(counts[$0]!.count) }, errors = keys.map { Int64(counts[$0]!.errorCount) }
        let maxima = keys.map { Int64(clamping: counts[$0]!.maxMicros) }
        try await connection.query(
            """
            INSERT INTO \(unescaped: unit.counts.table) AS l (\(unescaped: unit.counts.column), operation_id, count, error_count, max_micros)
            SELECT * FROM unnest(\(minutes)::bigint[], \(operations)::bigint[], \(totals)::bigint[], \(errors)::bigint[], \(maxima)::bigint[])
            ON CONFLICT (\(unescaped: unit.counts.column), operation_id) DO UPDATE SET count = l.count + EXCLUDED.count,
                error_count = l.error_count + EXCLUDED.error_count, max_micros = GREATEST(l.max_micros, EXCLUDED.max_micros)
            """, logger: logger)
        var bucketMinutes: [Int64] = [], bucketOperations: [Int64] = [], buckets: [Int64] = [], bucketCounts: [Int64] = []
        for key in keys {
            for (bucket, count) in counts[key]!.counts.sorted(by: { $0.key < $1.key }) {
                bucketMinutes.append(key.minute)
                bucketOperations.append(key.operation)
                buckets.append(Int64(clamping: bucket))
                bucketCounts.append(Int64(clamping: count))
            }
        }
        try await connection.query(
            """
            INSERT INTO \(unescaped: unit.buckets) AS b (\(unescaped: unit.counts.column), operation_id, bucket, count)
            SELECT * FROM unnest(\(bucketMinutes)::bigint[], \(bucketOperations)::bigint[], \(buckets)::bigint[], \(bucketCounts)::bigint[])
            ON CONFLICT (\(unescaped: unit.counts.column), operation_id, bucket) DO UPDATE SET count = b.count + EXCLUDED.count
            """, logger: logger)
    }
}

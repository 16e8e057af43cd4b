import Logging
import NIOCore
import PostgresNIO
import TraceStore

/// What a commit adds to the latency histograms: the spans it inserted (a re-sent span is counted once, when
/// first stored), per (minute of start, operation), in `LatencyCounts`' HdrHistogram buckets. Stored as rows that
/// merge by addition (`latency_minutes`: count, errors, max; `latency_buckets`: one count per bucket), so
/// concurrent collectors' counts add up with no read-modify-write.
struct LatencyRows {
    private struct Key: Hashable, Comparable {
        var minute: Int64
        var operation: Int64
        static func < (a: Self, b: Self) -> Bool { (a.minute, a.operation) < (b.minute, b.operation) }
    }

    private var counts: [Key: LatencyCounts] = [:]

    init(spans: SpanColumns, inserted: Set<Int>) {
        for index in inserted {
            let key = Key(minute: spans.starts[index] / 60_000_000_000, operation: spans.operations[index])
            counts[key, default: LatencyCounts()].record(micros: UInt64(spans.durationNanos(index) / 1000), isError: spans.errors[index])
        }
    }

    func merge(_ connection: PostgresConnection, logger: Logger) async throws {
        guard !counts.isEmpty else { return }
        let keys = counts.keys.sorted()
        let minutes = keys.map(\.minute), operations = keys.map(\.operation)
        let totals = keys.map { Int64(counts[$0]!.count) }, errors = keys.map { Int64(counts[$0]!.errorCount) }
        let maxima = keys.map { Int64(clamping: counts[$0]!.maxMicros) }
        try await connection.query("""
            INSERT INTO latency_minutes AS l (minute, operation_id, count, error_count, max_micros)
            SELECT * FROM unnest(\(minutes)::bigint[], \(operations)::bigint[], \(totals)::bigint[], \(errors)::bigint[], \(maxima)::bigint[])
            ON CONFLICT (minute, operation_id) DO UPDATE SET count = l.count + EXCLUDED.count,
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
        try await connection.query("""
            INSERT INTO latency_buckets AS b (minute, operation_id, bucket, count)
            SELECT * FROM unnest(\(bucketMinutes)::bigint[], \(bucketOperations)::bigint[], \(buckets)::bigint[], \(bucketCounts)::bigint[])
            ON CONFLICT (minute, operation_id, bucket) DO UPDATE SET count = b.count + EXCLUDED.count
            """, logger: logger)
    }
}

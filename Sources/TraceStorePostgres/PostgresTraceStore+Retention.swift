import NIOCore
import PostgresNIO
import TraceStore

extension PostgresTraceStore {
    public func statistics() async throws -> StoreStatistics {
        let rows = try await rows("""
            SELECT (SELECT count(*) FROM spans), (SELECT count(*) FROM traces), (SELECT count(*) FROM logs),
                   pg_database_size(current_database())
            """)
        guard let row = rows.first else { throw StoreError("PostgreSQL answered no row to a count") }
        let (spans, traces, logs, bytes) = try row.decode((Int64, Int64, Int64, Int64).self)
        return StoreStatistics(spanCount: Int(spans), traceCount: Int(traces), logCount: Int(logs), fileBytes: Int(bytes))
    }

    /// Deletes the oldest traces (with their spans and correlation rows) and logs before the cutoff, oldest
    /// first, up to `limits.rows`, in one transaction. Row by row for now: dropping whole day partitions is the
    /// cheap way, and comes with the retention work (docs/POSTGRES.md). Bytes are not estimated (0).
    public func deleteOldest(before cutoffNanos: UInt64, within limits: DeletionLimits) async throws -> DeletedData {
        let cutoff = StoredNanos.column(cutoffNanos)
        let limit = Int64(max(1, limits.rows))
        let started = ContinuousClock.now
        var deleted = try await transaction { connection in
            var count = 0
            for try await _ in try await connection.query("""
                WITH oldest AS (
                    (SELECT 0 AS kind, start_ns AS time_ns, trace_id, NULL::bigint AS log_id FROM traces
                     WHERE start_ns < \(cutoff) ORDER BY start_ns LIMIT \(limit))
                    UNION ALL
                    (SELECT 1, time_ns, NULL::bytea, id FROM logs WHERE time_ns < \(cutoff) ORDER BY time_ns LIMIT \(limit))
                    ORDER BY time_ns LIMIT \(limit)),
                gone_traces AS (DELETE FROM traces WHERE trace_id IN (SELECT trace_id FROM oldest WHERE kind = 0) RETURNING trace_id),
                gone_spans AS (DELETE FROM spans WHERE trace_id IN (SELECT trace_id FROM gone_traces)),
                gone_correlations AS (DELETE FROM trace_correlations WHERE trace_id IN (SELECT trace_id FROM gone_traces)),
                gone_logs AS (DELETE FROM logs WHERE id IN (SELECT log_id FROM oldest WHERE kind = 1) RETURNING id),
                gone_log_correlations AS (DELETE FROM log_correlations WHERE log_id IN (SELECT id FROM gone_logs))
                SELECT trace_id FROM gone_traces UNION ALL SELECT NULL FROM gone_logs
                """, logger: logger) { count += 1 }
            try await connection.query("""
                DELETE FROM latency_minutes WHERE minute < \(cutoff / 60_000_000_000)
                  AND minute < coalesce(LEAST((SELECT min(start_ns) FROM traces), (SELECT min(time_ns) FROM logs)), \(cutoff)) / 60000000000
                """, logger: logger)
            try await connection.query("""
                DELETE FROM latency_buckets WHERE minute < \(cutoff / 60_000_000_000)
                  AND minute < coalesce(LEAST((SELECT min(start_ns) FROM traces), (SELECT min(time_ns) FROM logs)), \(cutoff)) / 60000000000
                """, logger: logger)
            return DeletedData(rows: count, bytes: 0)
        }
        deleted.held = ContinuousClock.now - started
        return deleted
    }

    /// The database's size as PostgreSQL reports it; free space inside it is not reported (0).
    public func spaceUsage() async throws -> SpaceUsage {
        let bytes = try await rows("SELECT pg_database_size(current_database())").first?.decode(Int64.self) ?? 0
        return SpaceUsage(fileBytes: Int(bytes), freeBytes: 0)
    }

    /// PostgreSQL reuses the space of deleted rows itself (autovacuum); nothing to give back in steps.
    public func reclaimFreeSpace(maxBytes: Int) async throws -> Duration { .zero }
}

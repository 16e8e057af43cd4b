import Logging
import PostgresNIO
import TraceStore

extension PostgresTraceStore {
    package func statistics() async throws -> StoreStatistics {
        let rows = try await rows(
            """
            SELECT (SELECT count(*) FROM spans), (SELECT count(*) FROM traces), (SELECT count(*) FROM logs),
                   pg_database_size(current_database())
            """)
        guard let row = rows.first else { throw StoreError("PostgreSQL answered no row to a count") }
        let (spans, traces, logs, bytes) = try row.decode((Int64, Int64, Int64, Int64).self)
        return StoreStatistics(spanCount: Int(spans), traceCount: Int(traces), logCount: Int(logs), fileBytes: Int(bytes))
    }

    /// Retention by whole day partitions: every day of spans and logs that ended before the cutoff is dropped
    /// (no row-by-row delete, no VACUUM debt), with the summaries, correlation ids and latency rows of its time.
    /// A size pass (cutoff `.max`) drops the oldest day. Rows outside the day partitions (the DEFAULT partition)
    /// are deleted row by row, oldest first, up to `limits.rows`. One collector at a time: the others find the
    /// retention lock taken and do nothing this round.
    package func deleteOldest(before cutoffNanos: UInt64, within limits: DeletionLimits) async throws -> DeletedData {
        let started = ContinuousClock.now
        var deleted = try await transaction { [logger] connection in
            var locked = false
            for try await taken in try await connection.query(
                "SELECT pg_try_advisory_xact_lock(\(PostgresSchema.retentionLockKey))", logger: logger
            ).decode(Bool.self) { locked = taken }
            guard locked else { return DeletedData() }
            let days = try await PostgresPartitions.days(connection, logger: logger)
            let dropping: [PostgresPartitions.Day]
            if cutoffNanos == .max {
                dropping = days.first.map { oldest in days.filter { $0.day == oldest.day } } ?? []
            } else {
                dropping = days.filter { $0.endNanos <= StoredNanos.column(cutoffNanos) }
            }
            var result = DeletedData()
            for partition in dropping {
                let dropped = try await PostgresPartitions.drop(partition, connection, logger: logger)
                result.rows += dropped.rows
                result.bytes += dropped.bytes
            }
            let rowCutoff = cutoffNanos == .max ? dropping.map(\.endNanos).max() ?? 0 : StoredNanos.column(cutoffNanos)
            let rows = try await Self.deleteRows(before: rowCutoff, limit: Int64(max(1, limits.rows)), connection, logger: logger)
            result.rows += rows.rows
            result.bytes += rows.bytes
            return result
        }
        deleted.held = ContinuousClock.now - started
        return deleted
    }

    /// The oldest traces (with spans and correlation ids) and logs before `cutoff`, up to `limit` of them, row by
    /// row: what the DEFAULT partition holds, and summaries whose spans' days were dropped. Bytes as PostgreSQL
    /// sizes the rows (`pg_column_size`), which is about what they took in their pages.
    private static func deleteRows(before cutoff: Int64, limit: Int64, _ connection: PostgresConnection, logger: Logger) async throws
        -> DeletedData
    {
        var result = DeletedData()
        for try await (rows, bytes) in try await connection.query(
            """
            WITH oldest AS (
                (SELECT 0 AS kind, start_ns AS time_ns, trace_id, NULL::bigint AS log_id FROM traces
                 WHERE start_ns < \(cutoff) ORDER BY start_ns LIMIT \(limit))
                UNION ALL
                (SELECT 1, time_ns, NULL::bytea, id FROM logs WHERE time_ns < \(cutoff) ORDER BY time_ns LIMIT \(limit))
                ORDER BY time_ns LIMIT \(limit)),
            gone_traces AS (DELETE FROM traces t WHERE trace_id IN (SELECT trace_id FROM oldest WHERE kind = 0)
                            RETURNING trace_id, pg_column_size(t.*) AS bytes),
            gone_spans AS (DELETE FROM spans s WHERE trace_id IN (SELECT trace_id FROM gone_traces) RETURNING pg_column_size(s.*) AS bytes),
            gone_correlations AS (DELETE FROM trace_correlations WHERE trace_id IN (SELECT trace_id FROM gone_traces)),
            gone_logs AS (DELETE FROM logs l WHERE id IN (SELECT log_id FROM oldest WHERE kind = 1) AND time_ns < \(cutoff)
                          RETURNING id, pg_column_size(l.*) AS bytes),
            gone_log_correlations AS (DELETE FROM log_correlations WHERE log_id IN (SELECT id FROM gone_logs))
            SELECT (SELECT count(*) FROM gone_traces) + (SELECT count(*) FROM gone_logs),
                   coalesce((SELECT sum(bytes) FROM gone_traces), 0) + coalesce((SELECT sum(bytes) FROM gone_spans), 0)
                   + coalesce((SELECT sum(bytes) FROM gone_logs), 0)
            """, logger: logger
        ).decode((Int64, Int64).self) {
            result.rows = Int(rows)
            result.bytes = Int(bytes)
        }
        let minute = cutoff / 60_000_000_000
        try await connection.query("DELETE FROM latency_minute_histograms WHERE minute < \(minute)", logger: logger)
        // Pending rows of the cutoff's hour still go into its roll-up (the fold then adds the minutes, which the next
        // round deletes).
        try await connection.query("DELETE FROM latency_pending WHERE minute < \(minute / 60 * 60)", logger: logger)
        // An hour is kept until all of it is before the cutoff (as the SQLite store keeps its hourly roll-up).
        try await connection.query("DELETE FROM latency_hour_histograms WHERE hour < \(minute / 60)", logger: logger)
        // A tag row's start is at or after its trace's, so rows before the cutoff are of traces retention deletes
        // (a deleted trace's later rows go in a later round; until then they match no summary).
        try await connection.query("DELETE FROM trace_tag_sets WHERE start_ns < \(cutoff)", logger: logger)
        return result
    }

    /// The database's size as PostgreSQL reports it. Space freed by row deletes is reused by PostgreSQL (autovacuum)
    /// but not given back, so none is reported reclaimable; dropped partitions give theirs back at once.
    package func storageUsage() async throws -> StorageUsage {
        let bytes = try await rows("SELECT pg_database_size(current_database())").first?.decode(Int64.self) ?? 0
        return StorageUsage(allocatedBytes: Int(bytes), reclaimableBytes: 0)
    }

    /// Nothing to give back in steps (see `storageUsage`).
    package func reclaimStorage(maxBytes: Int) async throws -> Duration { .zero }
}

extension PostgresTraceStore {
    /// The day partitions of spans and logs there are, oldest first (`spans_20261204`, …): for operators and tests.
    package func partitionNames() async throws -> [String] {
        try await open()
        return try await client.withConnection { connection in
            try await PostgresPartitions.days(connection, logger: logger).map(\.name)
        }
    }
}

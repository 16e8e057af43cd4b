import Logging
import NIOCore
import PostgresNIO

/// Trace summaries recomputed from their stored spans. The usual merge (a commit's inserted spans added to the
/// stored summary) is `SpanCommitStatement`'s; this is for what it cannot add.
enum TraceSummaryRecompute {
    /// Summaries recomputed from the stored spans, for traces where a re-sent span changed a stored one (its
    /// old values cannot be subtracted). Runs after this commit's merge took the rows' locks, so every commit
    /// that merged before has committed and its spans are seen; one that merges after adds only its own spans.
    static func recompute(_ traces: [[UInt8]], _ connection: PostgresConnection, logger: Logger) async throws {
        guard !traces.isEmpty else { return }
        let ids = traces.map { ByteBuffer(bytes: $0) }
        try await connection.query(
            """
            UPDATE traces t SET start_ns = a.start_ns, end_ns = a.end_ns, span_count = a.span_count,
                error_count = a.error_count, service_ids = a.service_ids, root_start_ns = r.start_ns,
                root_service_id = r.service_id, root_operation_id = r.operation_id
            FROM (SELECT trace_id, min(start_ns) AS start_ns, max(GREATEST(end_ns, start_ns)) AS end_ns,
                         count(*) AS span_count, count(*) FILTER (WHERE is_error) AS error_count,
                         array_agg(DISTINCT service_id ORDER BY service_id) AS service_ids
                  FROM spans WHERE trace_id = ANY(\(ids)::bytea[]) GROUP BY trace_id) a
            LEFT JOIN LATERAL (SELECT start_ns, service_id, operation_id FROM spans s
                               WHERE s.trace_id = a.trace_id AND s.parent_span_id IS NULL
                               ORDER BY start_ns LIMIT 1) r ON true
            WHERE t.trace_id = a.trace_id
            """, logger: logger)
    }
}

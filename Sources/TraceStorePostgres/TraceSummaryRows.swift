import Logging
import NIOCore
import PostgresNIO

/// What a commit adds to each trace's summary row, computed only from the spans it actually inserted, and merged
/// with `INSERT … ON CONFLICT (trace_id) DO UPDATE`: atomic however many collectors write spans of one trace at
/// once (each merge sees the row as the last commit left it), and a re-sent span, not inserted, adds nothing.
/// Start and end merge by LEAST and GREATEST, counts by addition, services by union, and the root is the
/// parentless span that started first (a tie keeps the stored one).
struct TraceSummaryRows {
    private var traces: [[UInt8]] = []
    private var starts: [Int64] = []
    private var ends: [Int64] = []
    private var spanCounts: [Int64] = []
    private var errorCounts: [Int64] = []
    private var hasRoot: [Bool] = []
    private var rootStarts: [Int64] = []
    private var rootServices: [Int64] = []
    private var rootOperations: [Int64] = []
    /// PostgreSQL array literals (`{3,7}`): `unnest` cannot take an array of arrays.
    private var serviceLists: [String] = []

    /// `spans` are sorted by trace id, so each trace's inserted spans are one run.
    init(spans: SpanColumns, inserted: Set<Int>) {
        var services = Set<Int64>()
        for index in spans.traces.indices where inserted.contains(index) {
            let start = spans.starts[index], end = spans.starts[index] + spans.durationNanos(index)
            if traces.last != spans.traces[index] {
                if !traces.isEmpty { serviceLists.append(Self.literal(services)) }
                services = []
                traces.append(spans.traces[index])
                starts.append(start)
                ends.append(end)
                spanCounts.append(0)
                errorCounts.append(0)
                hasRoot.append(false)
                rootStarts.append(0)
                rootServices.append(0)
                rootOperations.append(0)
            }
            let last = traces.count - 1
            starts[last] = min(starts[last], start)
            ends[last] = max(ends[last], end)
            spanCounts[last] += 1
            if spans.errors[index] { errorCounts[last] += 1 }
            services.insert(spans.services[index])
            if spans.isRoot(index), !hasRoot[last] || start < rootStarts[last] {
                hasRoot[last] = true
                rootStarts[last] = start
                rootServices[last] = spans.services[index]
                rootOperations[last] = spans.operations[index]
            }
        }
        if !traces.isEmpty { serviceLists.append(Self.literal(services)) }
    }

    private static func literal(_ ids: Set<Int64>) -> String {
        "{" + ids.sorted().map(String.init).joined(separator: ",") + "}"
    }

    func merge(_ connection: PostgresConnection, logger: Logger) async throws {
        guard !traces.isEmpty else { return }
        let traceIDs = traces.map { ByteBuffer(bytes: $0) }
        try await connection.query(
            """
            INSERT INTO traces AS t (trace_id, start_ns, end_ns, span_count, error_count, root_start_ns, root_service_id,
                                     root_operation_id, service_ids)
            SELECT trace_id, start_ns, end_ns, span_count, error_count,
                   CASE WHEN has_root THEN root_start_ns END, CASE WHEN has_root THEN root_service_id END,
                   CASE WHEN has_root THEN root_operation_id END, service_ids::bigint[]
            FROM unnest(\(traceIDs)::bytea[], \(starts)::bigint[], \(ends)::bigint[], \(spanCounts)::bigint[],
                        \(errorCounts)::bigint[], \(hasRoot)::boolean[], \(rootStarts)::bigint[], \(rootServices)::bigint[],
                        \(rootOperations)::bigint[], \(serviceLists)::text[])
                AS u(trace_id, start_ns, end_ns, span_count, error_count, has_root, root_start_ns, root_service_id,
                     root_operation_id, service_ids)
            ON CONFLICT (trace_id) DO UPDATE SET
                start_ns = LEAST(t.start_ns, EXCLUDED.start_ns),
                end_ns = GREATEST(t.end_ns, EXCLUDED.end_ns),
                span_count = t.span_count + EXCLUDED.span_count,
                error_count = t.error_count + EXCLUDED.error_count,
                root_service_id = CASE WHEN t.root_start_ns IS NULL OR EXCLUDED.root_start_ns < t.root_start_ns
                                       THEN coalesce(EXCLUDED.root_service_id, t.root_service_id) ELSE t.root_service_id END,
                root_operation_id = CASE WHEN t.root_start_ns IS NULL OR EXCLUDED.root_start_ns < t.root_start_ns
                                         THEN coalesce(EXCLUDED.root_operation_id, t.root_operation_id) ELSE t.root_operation_id END,
                root_start_ns = LEAST(t.root_start_ns, EXCLUDED.root_start_ns),
                service_ids = ARRAY(SELECT DISTINCT unnest(t.service_ids || EXCLUDED.service_ids) ORDER BY 1)
            """, logger: logger)
    }

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

import NIOCore
import PostgresNIO
import TraceModel
import TraceStore

/// A group commit's spans, their trace summaries, latency counts, tag-index rows and correlation ids in one
/// statement: one round trip, planned once per connection (a prepared statement), instead of a round trip and a
/// fresh plan per table. The rows and their order are `CommitRows`'s (deduplicated, sorted by key).
///
/// Counted once, whoever stores it: `inserted` holds only the spans this statement stored (`ON CONFLICT DO
/// NOTHING RETURNING`; a span another collector is inserting at this moment waits for that commit, then counts as
/// stored), and the summaries and latency counts are computed in PostgreSQL from those alone. The statement answers
/// with the keys of the spans it did not insert (already stored: re-sent), which `CommitRows` compares with the
/// stored copies afterwards. Each upsert's rows are sorted by its key, so two collectors' commits lock shared rows
/// in the same order.
///
/// The summaries merge as docs/POSTGRES.md says ("Summaries merged atomically"): start and end by LEAST and
/// GREATEST, counts by addition, services by union; the root is the parentless span that started first (ties: the
/// lowest span id; against the stored root, a tie keeps the stored one). Latency rows count a span in the minute it
/// started, in the HdrHistogram bucket `LatencyCounts.bucket(of:)` gives its duration: one row per (minute,
/// operation) appended to `latency_pending`, its buckets in a list (`PendingBucketList`, schema v8), which
/// `LatencyFold` adds to the minute and hour tables every few seconds (schema v6; before, four `ON CONFLICT DO
/// UPDATE` upserts per commit were half of its row operations and waited for the fold).
struct SpanCommitStatement: PostgresPreparedStatement {
    typealias Row = (ByteBuffer, ByteBuffer, Int64)

    let spans: SpanColumns
    let tags: TagIndexRows
    let correlations: [(id: [UInt8], trace: TraceID)]

    static let sql = """
        WITH input AS (
            SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::bigint[], $4::bigint[], $5::bytea[], $6::bigint[], $7::bigint[],
                                 $8::bigint[], $9::bigint[], $10::integer[], $11::boolean[], $12::bytea[], $13::bigint[])
                AS u(trace_id, span_id, start_ns, end_ns, parent_span_id, service_id, operation_id, resource_id, scope_id,
                     status_code, is_error, body, bucket)
        ),
        inserted AS (
            INSERT INTO spans (trace_id, span_id, start_ns, end_ns, parent_span_id, service_id, operation_id, resource_id,
                               scope_id, status_code, is_error, body)
            SELECT trace_id, span_id, start_ns, end_ns, NULLIF(parent_span_id, ''::bytea), service_id, operation_id,
                   resource_id, scope_id, status_code, is_error, body
            FROM input
            ON CONFLICT (trace_id, span_id, start_ns) DO NOTHING
            RETURNING trace_id, span_id, start_ns
        ),
        new AS (
            SELECT i.trace_id, i.span_id, i.start_ns, GREATEST(i.end_ns, i.start_ns) AS end_ns,
                   GREATEST(0, i.end_ns - i.start_ns) / 1000 AS micros, i.parent_span_id = ''::bytea AS is_root,
                   i.service_id, i.operation_id, i.is_error, i.bucket
            FROM input i JOIN inserted n USING (trace_id, span_id, start_ns)
        ),
        summaries AS (
            INSERT INTO traces AS t (trace_id, start_ns, end_ns, span_count, error_count, root_start_ns, root_service_id,
                                     root_operation_id, service_ids)
            SELECT trace_id, min(start_ns), max(end_ns), count(*), count(*) FILTER (WHERE is_error),
                   min(start_ns) FILTER (WHERE is_root),
                   (array_agg(service_id ORDER BY start_ns, span_id) FILTER (WHERE is_root))[1],
                   (array_agg(operation_id ORDER BY start_ns, span_id) FILTER (WHERE is_root))[1],
                   array_agg(DISTINCT service_id ORDER BY service_id)
            FROM new GROUP BY trace_id ORDER BY trace_id
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
        ),
        latency AS (
            -- Appended, not merged: no index, no row lock, never waiting for the fold or another commit
            -- (`LatencyFold` moves these rows into the minute and hour tables).
            INSERT INTO latency_pending (minute, operation_id, count, error_count, max_micros, buckets)
            SELECT minute, operation_id, sum(n)::bigint, sum(e)::bigint, max(m), \(PendingBucketList.aggregate(bucket: "bucket", count: "n"))
            FROM (SELECT start_ns / 60000000000 AS minute, operation_id, bucket, count(*) AS n,
                         count(*) FILTER (WHERE is_error) AS e, max(micros) AS m
                  FROM new GROUP BY 1, 2, 3) b
            GROUP BY 1, 2
        ),
        tags AS (
            INSERT INTO trace_tag_sets (pair_hash, start_ns, trace_ids)
            SELECT * FROM unnest($14::bigint[], $15::bigint[], $16::bytea[])
        ),
        correlations AS (
            -- A trace's ids are capped: those already stored count (approximately, when collectors add ids to one trace
            -- at the same moment).
            INSERT INTO trace_correlations (correlation_id, trace_id)
            SELECT c, t FROM unnest($17::bytea[], $18::bytea[]) AS u(c, t)
            WHERE (SELECT count(*) FROM trace_correlations x WHERE x.trace_id = u.t) < \(CommitRows.maxIDsPerTrace)
            ON CONFLICT DO NOTHING
        )
        SELECT i.trace_id, i.span_id, i.start_ns FROM input i
        WHERE NOT EXISTS (SELECT 1 FROM inserted n WHERE n.trace_id = i.trace_id AND n.span_id = i.span_id AND n.start_ns = i.start_ns)
        """

    func makeBindings() throws -> PostgresBindings {
        var bindings = spans.bindings(withBuckets: true)
        tags.bind(into: &bindings)
        bindings.append(ByteaArray(correlations.map(\.id)))
        bindings.append(ByteaArray(correlations.map(\.trace)))
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

import Logging
import NIOCore
import PostgresNIO
import TraceModel
import TraceStore

/// A commit's span rows as columns. A span's key is (trace id, span id, start): the partition key must be part of
/// every unique key, and a re-sent span keeps its start, so it meets its stored copy.
struct SpanColumns: Sendable {
    /// Ids as integers, not bytes: a dictionary of keys hashed every byte of an array before.
    struct Key: Hashable {
        var trace: TraceID
        var span: SpanID
        var start: Int64
    }

    var traces: [TraceID] = []
    var spanIDs: [SpanID] = []
    var starts: [Int64] = []
    var ends: [Int64] = []
    /// Bound as empty for a root span (arrays of bytea cannot hold NULL through `unnest` here; NULLIF turns it
    /// back).
    var parents: [SpanID?] = []
    var services: [Int64] = []
    var operations: [Int64] = []
    var resources: [Int64] = []
    var scopes: [Int64] = []
    var statusCodes: [Int32] = []
    var errors: [Bool] = []
    var bodies: [[UInt8]] = []
    /// The latency histogram bucket of each span's duration (`LatencyCounts.bucket(of:)`), for the commit's counts.
    var buckets: [Int64] = []

    var isEmpty: Bool { traces.isEmpty }
    var count: Int { traces.count }

    func key(_ index: Int) -> Key { Key(trace: traces[index], span: spanIDs[index], start: starts[index]) }
    func isRoot(_ index: Int) -> Bool { parents[index] == nil }
    /// As `Span.durationNanos`: a span that ends before it starts took no time.
    func durationNanos(_ index: Int) -> Int64 { max(0, ends[index] - starts[index]) }

    mutating func add(_ record: SpanRecord, ids: BatchIDs.Span) {
        let span = record.span
        traces.append(span.traceID)
        spanIDs.append(span.spanID)
        starts.append(StoredNanos.column(span.startTimeUnixNano))
        ends.append(StoredNanos.column(span.endTimeUnixNano))
        parents.append(span.parentSpanID)
        services.append(ids.service)
        operations.append(ids.operation)
        resources.append(ids.resource)
        scopes.append(ids.scope)
        statusCodes.append(span.status.code.rawValue)
        errors.append(record.isError)
        bodies.append(InlineBodies.span(span))
        buckets.append(Int64(clamping: LatencyCounts.bucket(of: UInt64(durationNanos(traces.count - 1) / 1000))))
    }

    /// Each key once (its last copy), in key order.
    func deduplicatedAndSorted() -> SpanColumns {
        var last: [Key: Int] = [:]
        for index in traces.indices { last[key(index)] = index }
        // Integer order is the stored bytes' order: ids are big-endian.
        let order = last.values.sorted { a, b in (traces[a], spanIDs[a], starts[a]) < (traces[b], spanIDs[b], starts[b]) }
        var result = SpanColumns()
        for index in order {
            result.traces.append(traces[index])
            result.spanIDs.append(spanIDs[index])
            result.starts.append(starts[index])
            result.ends.append(ends[index])
            result.parents.append(parents[index])
            result.services.append(services[index])
            result.operations.append(operations[index])
            result.resources.append(resources[index])
            result.scopes.append(scopes[index])
            result.statusCodes.append(statusCodes[index])
            result.errors.append(errors[index])
            result.bodies.append(bodies[index])
            result.buckets.append(buckets[index])
        }
        return result
    }

    private var unnested: String {
        """
        unnest($1::bytea[], $2::bytea[], $3::bigint[], $4::bigint[], $5::bytea[], $6::bigint[], $7::bigint[],
               $8::bigint[], $9::bigint[], $10::integer[], $11::boolean[], $12::bytea[])
            AS u(trace_id, span_id, start_ns, end_ns, parent_span_id, service_id, operation_id, resource_id, scope_id,
                 status_code, is_error, body)
        """
    }

    /// The columns as arrays, in `unnested`'s order, then (`withBuckets`) the latency buckets.
    func bindings(_ indices: [Int]? = nil, withBuckets: Bool = false) -> PostgresBindings {
        let rows = indices ?? Array(traces.indices)
        var bindings = PostgresBindings(capacity: 13)
        bindings.append(ByteaArray(rows.map { traces[$0] }))
        bindings.append(ByteaArray(rows.map { spanIDs[$0] }))
        bindings.append(rows.map { starts[$0] })
        bindings.append(rows.map { ends[$0] })
        bindings.append(ByteaArray(rows.map { parents[$0] }))
        bindings.append(rows.map { services[$0] })
        bindings.append(rows.map { operations[$0] })
        bindings.append(rows.map { resources[$0] })
        bindings.append(rows.map { scopes[$0] })
        bindings.append(rows.map { statusCodes[$0] })
        bindings.append(rows.map { errors[$0] })
        bindings.append(ByteaArray(rows.map { bodies[$0] }))
        if withBuckets { bindings.append(rows.map { buckets[$0] }) }
        return bindings
    }

    /// Each span's index by key.
    func positions() -> [Key: Int] {
        var position: [Key: Int] = [:]
        for index in traces.indices { position[key(index)] = index }
        return position
    }

    /// The re-sent spans (`resent`: indices of spans already stored) replace the stored ones when anything
    /// differs; returns the trace ids whose stored spans
    /// changed, whose summaries must be recomputed from their spans.
    func updateChanged(_ resent: [Int], _ connection: PostgresConnection, logger: Logger) async throws -> [[UInt8]] {
        guard !resent.isEmpty else { return [] }
        let sql = """
            UPDATE spans s SET end_ns = u.end_ns, parent_span_id = NULLIF(u.parent_span_id, ''::bytea),
                service_id = u.service_id, operation_id = u.operation_id, resource_id = u.resource_id, scope_id = u.scope_id,
                status_code = u.status_code, is_error = u.is_error, body = u.body
            FROM \(unnested)
            WHERE s.trace_id = u.trace_id AND s.span_id = u.span_id AND s.start_ns = u.start_ns
              AND (s.end_ns, s.parent_span_id, s.service_id, s.operation_id, s.resource_id, s.scope_id, s.status_code,
                   s.is_error, s.body)
                  IS DISTINCT FROM (u.end_ns, NULLIF(u.parent_span_id, ''::bytea), u.service_id, u.operation_id,
                   u.resource_id, u.scope_id, u.status_code, u.is_error, u.body)
            RETURNING s.trace_id
            """
        var changed = Set<[UInt8]>()
        for try await trace in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings(resent)), logger: logger)
            .decode(ByteBuffer.self)
        {
            changed.insert(Array(trace.readableBytesView))
        }
        return changed.sorted { $0.lexicographicallyPrecedes($1) }
    }
}

/// Nanosecond times are UInt64 in OTLP and bigint in PostgreSQL: as in the SQLite store, values past 2262 are
/// clamped rather than wrapped, so ordering stays sane.
enum StoredNanos {
    static func column(_ nanos: UInt64) -> Int64 { Int64(clamping: nanos) }
    static func value(_ column: Int64) -> UInt64 { UInt64(clamping: column) }
}

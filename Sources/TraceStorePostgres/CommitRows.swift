import Logging
import NIOCore
import PostgresNIO
import TraceModel
import TraceStore

/// One group commit's rows as columns (one array per column), written with a few large statements that
/// `unnest` the arrays: a round trip per table, not per span, with every value bound in PostgreSQL's binary
/// format.
///
/// Spans are deduplicated (the last copy of a key wins: `ON CONFLICT` may not meet a key twice in one statement)
/// and sorted by key, as are the summary, latency and correlation rows: two collectors' commits then lock shared
/// rows in the same order and cannot deadlock each other.
struct CommitRows: Sendable {
    let spans: SpanColumns
    let logs: LogColumns
    /// (correlation id, trace id), sorted and each once; at most `maxIDsPerTrace` per trace.
    let traceCorrelations: [(id: [UInt8], trace: [UInt8])]

    /// As the SQLite store keeps: a trace of thousands of spans could carry a distinct id on each.
    static let maxIDsPerTrace = 64

    init(_ batches: [WriteBatch], ids: BatchIDs) {
        var spans = SpanColumns()
        var logs = LogColumns()
        var correlations: [[UInt8]: Set<[UInt8]>] = [:]
        var spanIndex = 0, logIndex = 0
        for batch in batches {
            for record in batch.spans {
                spans.add(record, ids: ids.spans[spanIndex])
                spanIndex += 1
                let trace = record.span.traceID.bytes
                for id in record.correlationIDs where correlations[trace, default: []].count < Self.maxIDsPerTrace {
                    correlations[trace, default: []].insert(Array(id.utf8))
                }
            }
            for entry in batch.logs {
                logs.add(entry, ids: ids.logs[logIndex])
                logIndex += 1
            }
        }
        self.spans = spans.deduplicatedAndSorted()
        self.logs = logs
        traceCorrelations = correlations.flatMap { trace, ids in ids.map { (id: $0, trace: trace) } }
            .sorted { $0.id != $1.id ? $0.id.lexicographicallyPrecedes($1.id) : $0.trace.lexicographicallyPrecedes($1.trace) }
    }

    /// Everything, in the caller's transaction.
    func write(_ connection: PostgresConnection, logger: Logger) async throws {
        if !spans.isEmpty {
            let inserted = try await spans.insertNew(connection, logger: logger)
            let changed = try await spans.updateChanged(notIn: inserted, connection, logger: logger)
            let summaries = TraceSummaryRows(spans: spans, inserted: inserted)
            try await summaries.merge(connection, logger: logger)
            try await TraceSummaryRows.recompute(changed, connection, logger: logger)
            try await LatencyRows(spans: spans, inserted: inserted).merge(connection, logger: logger)
            try await LatencyRows(spans: spans, inserted: inserted, unit: .hour).merge(connection, logger: logger)
        }
        if !traceCorrelations.isEmpty {
            let ids = traceCorrelations.map { ByteBuffer(bytes: $0.id) }, traces = traceCorrelations.map { ByteBuffer(bytes: $0.trace) }
            // A trace's ids are capped: those already stored count (approximately, when collectors add ids to
            // one trace at the same moment).
            try await connection.query(
                """
                INSERT INTO trace_correlations (correlation_id, trace_id)
                SELECT c, t FROM unnest(\(ids)::bytea[], \(traces)::bytea[]) AS u(c, t)
                WHERE (SELECT count(*) FROM trace_correlations x WHERE x.trace_id = u.t) < \(Self.maxIDsPerTrace)
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        if !logs.isEmpty { try await logs.insert(connection, logger: logger) }
    }
}

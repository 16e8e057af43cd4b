import Logging
import NIOCore
import PostgresNIO
import TraceModel
import TraceStore

/// One group commit's rows as columns (one array per column), written with one statement for the spans and what
/// they add (`SpanCommitStatement`) and one or two for the logs, each `unnest`ing its arrays, with every value bound
/// in PostgreSQL's binary format.
///
/// Spans are deduplicated (the last copy of a key wins: `ON CONFLICT` may not meet a key twice in one statement)
/// and sorted by key, as are the summary, latency and correlation rows: two collectors' commits then lock shared
/// rows in the same order and cannot deadlock each other.
struct CommitRows: Sendable {
    let spans: SpanColumns
    let logs: LogColumns
    /// (correlation id, trace id), sorted and each once; at most `maxIDsPerTrace` per trace.
    let traceCorrelations: [(id: [UInt8], trace: TraceID)]

    /// As the SQLite store keeps: a trace of thousands of spans could carry a distinct id on each.
    static let maxIDsPerTrace = 64

    init(_ batches: [WriteBatch], ids: BatchIDs) {
        var spans = SpanColumns()
        var logs = LogColumns()
        var correlations: [TraceID: Set<[UInt8]>] = [:]
        var spanIndex = 0, logIndex = 0
        for batch in batches {
            for record in batch.spans {
                spans.add(record, ids: ids.spans[spanIndex])
                spanIndex += 1
                let trace = record.span.traceID
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
            .sorted { $0.id != $1.id ? $0.id.lexicographicallyPrecedes($1.id) : $0.trace < $1.trace }
    }

    /// Everything, in the caller's transaction: the spans and what they add to other tables in one statement
    /// (`SpanCommitStatement`), then the re-sent spans that differ from their stored copies, then the logs.
    func write(_ connection: PostgresConnection, tags: TagIndexRows, logger: Logger) async throws {
        if !spans.isEmpty {
            let statement = SpanCommitStatement(spans: spans, tags: tags, correlations: traceCorrelations)
            let positions = spans.positions()
            var resent: [Int] = []
            for try await (trace, span, start) in try await connection.execute(statement, logger: logger) {
                guard let traceID = TraceReadRow.traceID(trace), let spanID = TraceReadRow.spanID(span) else {
                    throw StoreError("a commit returned a trace or span id of the wrong length")
                }
                let key = SpanColumns.Key(trace: traceID, span: spanID, start: start)
                if let index = positions[key] { resent.append(index) }
            }
            let changed = try await spans.updateChanged(resent.sorted(), connection, logger: logger)
            try await TraceSummaryRecompute.recompute(changed, connection, logger: logger)
        }
        if !logs.isEmpty { try await logs.insert(connection, logger: logger) }
    }
}

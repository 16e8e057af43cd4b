import Logging
import NIOCore
import PostgresNIO
import TraceModel
import TraceStore

/// A commit's log rows as columns. Logs have no natural key (the same line twice is two lines), so they are
/// inserted, never merged; their ids are reserved from `log_ids` first, so their correlation rows can name them.
struct LogColumns: Sendable {
    var times: [Int64] = []
    var services: [Int64] = []
    var severities: [Int32] = []
    /// Empty for none.
    var traces: [[UInt8]] = []
    var spans: [[UInt8]] = []
    var resources: [Int64] = []
    var scopes: [Int64] = []
    /// The body as text, ASCII letters lowercased: what `LogQuery.text` is searched in, as SQLite's `lower()` does.
    var searchTexts: [[UInt8]] = []
    var bodies: [[UInt8]] = []
    var correlationIDs: [[[UInt8]]] = []

    var isEmpty: Bool { times.isEmpty }

    mutating func add(_ entry: LogEntry, ids: BatchIDs.Log) {
        let record = entry.record
        times.append(StoredNanos.column(entry.timeUnixNano))
        services.append(ids.service)
        severities.append(record.severityNumber)
        traces.append(record.traceID?.bytes ?? [])
        spans.append(record.spanID?.bytes ?? [])
        resources.append(ids.resource)
        scopes.append(ids.scope)
        searchTexts.append(Self.asciiLowercased(record.body.displayString))
        bodies.append(InlineBodies.log(entry))
        correlationIDs.append(Set(entry.correlationIDs.map { Array($0.utf8) }).sorted { $0.lexicographicallyPrecedes($1) })
    }

    static func asciiLowercased(_ text: String) -> [UInt8] {
        text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
    }

    func insert(_ connection: PostgresConnection, logger: Logger) async throws {
        var ids: [Int64] = []
        for try await id in try await connection.query(
            "SELECT nextval('log_ids') FROM generate_series(1, \(times.count))", logger: logger
        ).decode(Int64.self) { ids.append(id) }
        ids.sort()
        try await connection.query(
            """
            INSERT INTO logs (id, time_ns, service_id, severity_number, trace_id, span_id, resource_id, scope_id, body_search, body)
            SELECT id, time_ns, service_id, severity_number, NULLIF(trace_id, ''::bytea), NULLIF(span_id, ''::bytea),
                   resource_id, scope_id, body_search, body
            FROM unnest(\(ids)::bigint[], \(times)::bigint[], \(services)::bigint[], \(severities)::integer[],
                        \(traces.map { ByteBuffer(bytes: $0) })::bytea[], \(spans.map { ByteBuffer(bytes: $0) })::bytea[],
                        \(resources)::bigint[], \(scopes)::bigint[], \(searchTexts.map { ByteBuffer(bytes: $0) })::bytea[],
                        \(bodies.map { ByteBuffer(bytes: $0) })::bytea[])
                AS u(id, time_ns, service_id, severity_number, trace_id, span_id, resource_id, scope_id, body_search, body)
            """, logger: logger)
        var correlationLogs: [Int64] = [], correlations: [ByteBuffer] = []
        for (index, list) in correlationIDs.enumerated() {
            for id in list {
                correlationLogs.append(ids[index])
                correlations.append(ByteBuffer(bytes: id))
            }
        }
        guard !correlations.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO log_correlations (correlation_id, log_id)
            SELECT * FROM unnest(\(correlations)::bytea[], \(correlationLogs)::bigint[]) ON CONFLICT DO NOTHING
            """, logger: logger)
    }
}

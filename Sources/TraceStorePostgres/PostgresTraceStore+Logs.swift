import NIOCore
import PostgresNIO
import TraceModel
import TraceStore

extension PostgresTraceStore {
    /// The SQLite store's log query (`SQLiteTraceStore.logs`), filter for filter: a trace's logs include the logs
    /// that share one of its correlation ids; a correlation id's logs include the logs of the traces carrying it.
    package func logs(_ query: LogQuery) async throws -> [StoredLog] {
        var sql = BoundSQL()
        var conditions: [String] = []
        if let traceID = query.traceID {
            let trace = try sql.bind(ByteBuffer(bytes: traceID.bytes))
            if let spanID = query.spanID {
                conditions.append("l.trace_id = \(trace) AND l.span_id = \(try sql.bind(ByteBuffer(bytes: spanID.bytes)))")
            } else {
                conditions.append(
                    """
                    (l.trace_id = \(trace) OR l.id IN (SELECT log_id FROM log_correlations WHERE correlation_id IN
                        (SELECT correlation_id FROM trace_correlations WHERE trace_id = \(trace))))
                    """)
            }
        } else if let spanID = query.spanID {
            conditions.append("l.span_id = \(try sql.bind(ByteBuffer(bytes: spanID.bytes)))")
        }
        if let correlation = query.correlationID {
            let id = try sql.bind(bytesOf: correlation)
            conditions.append(
                """
                (l.id IN (SELECT log_id FROM log_correlations WHERE correlation_id = \(id))
                 OR l.trace_id IN (SELECT trace_id FROM trace_correlations WHERE correlation_id = \(id)))
                """)
        }
        if let service = query.service {
            conditions.append("l.service_id = (SELECT id FROM services WHERE name = \(try sql.bind(bytesOf: service)))")
        }
        if let severity = query.minSeverity { conditions.append("l.severity_number >= \(try sql.bind(severity))") }
        if let text = query.text, !text.isEmpty {
            conditions.append("position(\(try sql.bind(ByteBuffer(bytes: LogColumns.asciiLowercased(text)))) IN l.body_search) > 0")
        }
        if let from = query.fromNanos { conditions.append("l.time_ns >= \(try sql.bind(StoredNanos.column(from)))") }
        if let to = query.toNanos { conditions.append("l.time_ns <= \(try sql.bind(StoredNanos.column(to)))") }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let direction = query.oldestFirst ? "ASC" : "DESC"
        let limit = try sql.bind(Int64(max(0, query.limit)))
        let rows = try await rows(
            sql.query(
                """
                SELECT l.severity_number, l.trace_id, l.span_id, l.resource_id, l.scope_id, l.body
                FROM logs l \(filter) ORDER BY l.time_ns \(direction), l.id \(direction) LIMIT \(limit)
                """))
        let decoded = try rows.map { try $0.decode((Int32, ByteBuffer?, ByteBuffer?, Int64, Int64, ByteBuffer).self) }
        let resources = try await catalog.resources(decoded.map(\.3), store: self)
        let scopes = try await catalog.scopes(decoded.map(\.4), store: self)
        return try decoded.map { severity, trace, span, resourceID, scopeID, body in
            guard let resource = resources[resourceID], let scope = scopes[scopeID] else {
                throw StoreError("a log refers to a resource or scope the database does not hold")
            }
            var entry = LogEntry(
                record: LogRecord(
                    severityNumber: severity, traceID: trace.flatMap { TraceID(bytes: $0.readableBytesView) },
                    spanID: span.flatMap { SpanID(bytes: $0.readableBytesView) }),
                resource: resource.0, resourceSchemaUrl: resource.1, scope: scope.0, scopeSchemaUrl: scope.1,
                receivedTimeUnixNano: 0)
            try InlineBodies.decodeLog(Array(body.readableBytesView), into: &entry)
            return StoredLog(entry: entry)
        }
    }
}

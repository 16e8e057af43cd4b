import TraceModel
import GRDB
import Foundation

extension SQLiteTraceStore {
    package func logs(_ query: LogQuery) async throws -> [StoredLog] {
        try await pool.read { db in
            var catalog = ReadCatalog(db: db, cache: self.catalogCache, dictionary: dictionary)
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let traceID = query.traceID {
                let id = StoredID.data(traceID)
                if let spanID = query.spanID {
                    conditions.append("l.trace_id = ? AND l.span_id = ?")
                    arguments += [id, StoredID.data(spanID)]
                } else {
                    // The trace's own logs, and logs that share one of its correlation ids but know no trace id.
                    conditions.append(
                        """
                        l.id IN (SELECT id FROM logs WHERE trace_id = ?
                                 UNION SELECT log_id FROM log_correlations WHERE correlation_id IN
                                     (SELECT correlation_id FROM trace_correlation_ids WHERE seq =
                                         (SELECT seq FROM traces WHERE trace_id = ?)))
                        """)
                    arguments += [id, id]
                }
            } else if let spanID = query.spanID {
                conditions.append("l.span_id = ?")
                arguments += [StoredID.data(spanID)]
            }
            if let correlation = query.correlationID {
                // The traces carrying the id, through the block index (see `CorrelationIndex`): integers, inlined.
                let seqs = try CorrelationIndex.traceSeqs(carrying: correlation, db: db).map(String.init).joined(separator: ",")
                conditions.append(
                    """
                    l.id IN (SELECT log_id FROM log_correlations WHERE correlation_id = CAST(? AS TEXT)
                             UNION SELECT id FROM logs WHERE trace_id IN (SELECT trace_id FROM traces WHERE seq IN (\(seqs))))
                    """)
                arguments += [StoredText.bytes(correlation)]
            }
            if let service = query.service {
                guard let serviceID = try catalog.serviceID(service) else { return [] }
                conditions.append("l.service_id = ?")
                arguments += [serviceID]
            }
            if let severity = query.minSeverity { conditions.append("l.severity_number >= ?"); arguments += [severity] }
            if let text = query.text, !text.isEmpty {
                conditions.append("instr(lower(l.body_text), lower(CAST(? AS TEXT))) > 0")
                arguments += [StoredText.bytes(text)]
            }
            if let from = query.fromNanos { conditions.append("l.time_ns >= ?"); arguments += [StoredTime.column(from)] }
            if let to = query.toNanos { conditions.append("l.time_ns <= ?"); arguments += [StoredTime.column(to)] }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let direction = query.oldestFirst ? "ASC" : "DESC"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT l.severity_number, l.trace_id, l.span_id, l.resource_id, l.scope_id, l.body
                    FROM logs l \(filter) ORDER BY l.time_ns \(direction), l.id \(direction) LIMIT ?
                    """,
                arguments: arguments + [max(0, query.limit)])
            return try rows.map { row in
                let (resource, resourceSchemaUrl) = try catalog.resource(row[3])
                let (scope, scopeSchemaUrl) = try catalog.scope(row[4])
                var entry = LogEntry(
                    record: LogRecord(
                        severityNumber: row[0], traceID: (row[1] as Data?).flatMap(StoredID.traceID),
                        spanID: (row[2] as Data?).flatMap(StoredID.spanID)),
                    resource: resource, resourceSchemaUrl: resourceSchemaUrl, scope: scope, scopeSchemaUrl: scopeSchemaUrl,
                    receivedTimeUnixNano: 0)
                try RowCodec.decodeLogBody([UInt8](row[5] as Data), into: &entry, form: try catalog.bodyForm())
                return StoredLog(entry: entry)
            }
        }
    }
}

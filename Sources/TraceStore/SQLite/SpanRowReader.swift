import GRDB
import GRDBSQLite
import TraceModel

/// The spans of one trace, read through a cached statement and SQLite's C API: a trace by id reads 200 to
/// 10,000 rows per request, and a GRDB `Row` per span (every column copied, each blob into a `Data`) cost
/// more than SQLite's own work. The columns map to a `SpanRecord` exactly as `SpanRows.record` maps a `Row`.
enum SpanRowReader {
    static let sql = """
        SELECT span_id, parent_span_id, operation_id, resource_id, scope_id, start_ns, end_ns, status_code, body
        FROM spans WHERE trace_seq = ? ORDER BY start_ns
        """

    /// The trace's sequence number (spans are keyed by it, see `Schema`), nil for an unknown trace.
    static func traceSeq(_ id: TraceID, db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM traces WHERE trace_id = ?"), arguments: [StoredID.data(id)])
    }

    /// The trace's correlation ids, attached to each of its records (span-level ones are re-derived by whoever needs them).
    static func correlationIDs(_ id: TraceID, db: Database) throws -> [String] {
        guard let seq = try traceSeq(id, db: db) else { return [] }
        return try CorrelationIndex.ids(ofTrace: seq, db: db)
    }

    /// The records of the trace with sequence number `seq`, oldest first.
    static func spans(seq: Int64, traceID: TraceID, correlationIDs: [String], db: Database, catalog: inout ReadCatalog) throws
        -> [SpanRecord]
    {
        let statement = RawStatement(try db.cachedStatement(sql: sql))
        defer { statement.reset() }
        statement.bind(1, seq)
        var records: [SpanRecord] = []
        // Consecutive spans mostly share their resource and scope: look them up once per run.
        var resourceID: Int64 = -1, resource = (Resource(), "")
        var scopeID: Int64 = -1, scope = (InstrumentationScope(), "")
        while try statement.step(db) {
            let operation = try catalog.operation(statement.int64(2))
            var span = Span(
                traceID: traceID, spanID: statement.spanID(0) ?? .zero, parentSpanID: statement.spanID(1),
                name: operation.name, kind: operation.kind,
                startTimeUnixNano: StoredTime.value(statement.int64(5)), endTimeUnixNano: StoredTime.value(statement.int64(6)),
                status: SpanStatus(code: StatusCode(rawValue: Int32(truncatingIfNeeded: statement.int64(7)))))
            try RowCodec.decodeSpanBody(statement.blob(8), into: &span, form: try catalog.bodyForm())
            if statement.int64(3) != resourceID {
                resourceID = statement.int64(3)
                resource = try catalog.resource(resourceID)
            }
            if statement.int64(4) != scopeID {
                scopeID = statement.int64(4)
                scope = try catalog.scope(scopeID)
            }
            records.append(
                SpanRecord(
                    span: span, resource: resource.0, resourceSchemaUrl: resource.1, scope: scope.0,
                    scopeSchemaUrl: scope.1, correlationIDs: correlationIDs))
        }
        return records
    }
}

extension RawStatement {
    /// An 8-byte big-endian span id column; nil when NULL or not 8 bytes (as `StoredID.spanID` reads it).
    func spanID(_ column: Int32) -> SpanID? {
        guard !isNull(column) else { return nil }
        return withBlob(column) { bytes in
            bytes.count == 8 ? SpanID(UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))) : nil
        }
    }
}

import GRDB
import TraceModel

/// Inserts span rows (bodies encoded beforehand, see `SpanPreparation`) through SQLite's C API. A span
/// already stored (a re-send) is replaced, and the caller is told so it can recompute the trace's summary.
struct SpanRowWriter {
    private let insert: RawStatement
    private let replace: RawStatement
    private let db: Database

    init(db: Database) throws {
        self.db = db
        insert = RawStatement(try db.cachedStatement(sql: Self.sql(conflict: "IGNORE")))
        replace = RawStatement(try db.cachedStatement(sql: Self.sql(conflict: "REPLACE")))
    }

    /// Returns true when the span replaced a stored one.
    mutating func write(
        _ span: Span, seq: Int64, serviceID: Int64, operationID: Int64, resourceID: Int64, scopeID: Int64, isError: Bool,
        body: [UInt8]
    ) throws -> Bool {
        try run(
            insert, span, seq: seq, serviceID: serviceID, operationID: operationID, resourceID: resourceID, scopeID: scopeID,
            isError: isError, body: body)
        // INSERT OR IGNORE changed nothing: the span is stored already, so it is replaced instead.
        if db.changesCount > 0 { return false }
        try run(
            replace, span, seq: seq, serviceID: serviceID, operationID: operationID, resourceID: resourceID, scopeID: scopeID,
            isError: isError, body: body)
        return true
    }

    private func run(
        _ statement: RawStatement, _ span: Span, seq: Int64, serviceID: Int64, operationID: Int64, resourceID: Int64,
        scopeID: Int64, isError: Bool, body: [UInt8]
    ) throws {
        statement.bind(1, seq)
        statement.bind(2, span.spanID)
        if let parent = span.parentSpanID { statement.bind(3, parent) } else { statement.bindNull(3) }
        statement.bind(4, serviceID)
        statement.bind(5, operationID)
        statement.bind(6, resourceID)
        statement.bind(7, scopeID)
        statement.bind(8, StoredTime.column(span.startTimeUnixNano))
        statement.bind(9, StoredTime.column(span.endTimeUnixNano))
        statement.bind(10, Int64(span.status.code.rawValue))
        statement.bind(11, isError ? 1 : 0)
        statement.bind(12, bytes: body)
        try statement.run(db)
    }

    private static func sql(conflict: String) -> String {
        """
        INSERT OR \(conflict) INTO spans (trace_seq, span_id, parent_span_id, service_id, operation_id, resource_id,
            scope_id, start_ns, end_ns, status_code, is_error, body)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    }
}

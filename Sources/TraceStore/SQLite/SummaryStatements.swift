import GRDB
import TraceModel

/// Reading and writing `traces` rows by trace id, through SQLite's C API (one read and one write per trace a
/// batch touches).
struct SummaryStatements {
    private let select: RawStatement
    private let insert: RawStatement
    private let update: RawStatement
    private let updateWithClass: RawStatement

    struct StoredTrace {
        var seq: Int64
        var summary: TraceSummaryDelta.Stored
    }

    init(db: Database) throws {
        select = RawStatement(
            try db.cachedStatement(
                sql: """
                    SELECT seq, start_ns, duration_ns, span_count, error_count, root_service_id, root_operation_id, service_ids
                    FROM traces WHERE trace_id = ?
                    """))
        insert = RawStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO traces (start_ns, duration_ns, span_count, error_count, root_service_id, root_operation_id,
                        service_ids, seq, trace_id, duration_class)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
        // The sequence number never changes: the set leaves it (and so the spans' key) alone. The duration
        // class is set only when it changes, so its index entry stays put otherwise.
        let set = """
            UPDATE traces SET start_ns = ?, duration_ns = ?, span_count = ?, error_count = ?, root_service_id = ?,
                root_operation_id = ?, service_ids = ?
            """
        update = RawStatement(try db.cachedStatement(sql: set + " WHERE seq = ?8 AND trace_id = ?9"))
        updateWithClass = RawStatement(try db.cachedStatement(sql: set + ", duration_class = ?10 WHERE seq = ?8 AND trace_id = ?9"))
    }

    func read(_ traceID: TraceID, db: Database) throws -> StoredTrace? {
        select.bind(1, traceID)
        defer { select.reset() }
        guard try select.step(db) else { return nil }
        return StoredTrace(
            seq: select.int64(0),
            summary: TraceSummaryDelta.Stored(
                start: StoredTime.value(select.int64(1)), duration: StoredTime.value(select.int64(2)),
                spanCount: Int(select.int64(3)), errorCount: Int(select.int64(4)),
                rootServiceID: select.isNull(5) ? nil : select.int64(5),
                rootOperationID: select.isNull(6) ? nil : select.int64(6),
                services: ServiceIDList.decode(select.text(7))))
    }

    /// `stored`: the row as it was read, nil for a new trace.
    func write(_ summary: TraceSummaryDelta.Stored, traceID: TraceID, seq: Int64, stored: TraceSummaryDelta.Stored?, db: Database) throws {
        let durationClass = DurationClass.of(summary.duration)
        let classChanged = stored.map { DurationClass.of($0.duration) != durationClass } ?? true
        let statement = stored == nil ? insert : classChanged ? updateWithClass : update
        if classChanged { statement.bind(10, durationClass) }
        statement.bind(1, StoredTime.column(summary.start))
        statement.bind(2, StoredTime.column(summary.duration))
        statement.bind(3, Int64(summary.spanCount))
        statement.bind(4, Int64(summary.errorCount))
        if let id = summary.rootServiceID { statement.bind(5, id) } else { statement.bindNull(5) }
        if let id = summary.rootOperationID { statement.bind(6, id) } else { statement.bindNull(6) }
        statement.bind(7, text: ServiceIDList.encode(summary.services))
        statement.bind(8, seq)
        statement.bind(9, traceID)
        try statement.run(db)
    }
}

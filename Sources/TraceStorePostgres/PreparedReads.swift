import NIOCore
import PostgresNIO

/// The reads every trace view makes, as prepared statements. Planning a read of the partitioned `spans` table (an
/// index scan per partition) took PostgreSQL about as long as running it, which for a trace by id was most of the
/// server's time. A statement is planned once per connection only if PostgreSQL picks its generic plan, and for a
/// `bytea[]` parameter it never does (it costs the generic plan for ten elements, the custom one for the one
/// given): so one trace is read with a statement of its own, whose plan is made once (`SpansOfTrace`).
enum PreparedReads {
    /// The spans of these traces and their correlation ids: one statement, so reading a trace is one round trip
    /// (each one cost the collector about as much as PostgreSQL's work for a 200-span trace). A correlation row has
    /// no span id and its correlation id in the body's column. Rows come in the indexes' order, which the reader
    /// sorts (`spanRecords`): sorting a 200-span trace's rows took PostgreSQL 0.3 of the statement's 0.45 ms
    /// (`EXPLAIN ANALYZE`). Rows are decoded by hand (`TraceReadRow`): the generic decoding of a ten-column tuple
    /// spent most of its time looking up tuple metadata.
    struct Spans: PostgresPreparedStatement {
        typealias Row = PostgresRow
        let traceIDs: [ByteBuffer]

        static let sql = spans(ofTraces: "= ANY($1::bytea[])")

        /// The read, its traces chosen by `condition` on `trace_id`.
        fileprivate static func spans(ofTraces condition: String) -> String {
            """
            SELECT trace_id, span_id, parent_span_id, operation_id, resource_id, scope_id, start_ns, end_ns, status_code, body
            FROM spans WHERE trace_id \(condition)
            UNION ALL
            SELECT trace_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, correlation_id
            FROM trace_correlations WHERE trace_id \(condition)
            """
        }

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(traceIDs)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { row }
    }

    /// `Spans` of one trace: a trace by id (a view's read), planned once per connection.
    struct SpansOfTrace: PostgresPreparedStatement {
        typealias Row = PostgresRow
        let traceID: ByteBuffer

        static let sql = Spans.spans(ofTraces: "= $1::bytea")

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(traceID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { row }
    }

    /// (trace id, correlation id) of these traces, sorted byte by byte.
    struct Correlations: PostgresPreparedStatement {
        typealias Row = (ByteBuffer, ByteBuffer)
        let traceIDs: [ByteBuffer]

        static let sql = """
            SELECT trace_id, correlation_id FROM trace_correlations WHERE trace_id = ANY($1::bytea[])
            ORDER BY trace_id, correlation_id
            """

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(traceIDs)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

extension PostgresTraceStore {
    /// Every row of a prepared statement, after the schema is ready.
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row]
    where Statement.Row: Sendable {
        try await open()
        return try await withinTimeout { [client, logger] in
            var rows: [Statement.Row] = []
            for try await row in try await client.execute(statement, logger: logger) { rows.append(row) }
            return rows
        }
    }
}

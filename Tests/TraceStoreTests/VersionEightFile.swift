import Foundation
import GRDB
import TraceModel

/// Writes a database file as the store did at schema "v8 correlation superblocks" (spans one row each, before
/// chunks): the tables of that schema as a v8 file's `sqlite_schema` holds them, and two traces whose span bodies
/// hold attributes in the dictionary form (a key and a value by id, a key and a value inline). The layout is
/// written out here, not produced by today's code, so migration v9 is tested against the old bytes.
enum VersionEightFile {
    /// Trace 1: a root in `cart` (GET /cart, 50 ms), a child in `billing` (charge, 30 ms, an error) and its child
    /// in `billing` (db, 2 ms). Trace 2: one 7 ms root in `cart`.
    static func write(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: schema)
            try db.execute(
                sql: """
                    INSERT INTO grdb_migrations VALUES ('v1'), ('v2 retention'), ('v3 string dictionary'), ('v4 attribute index'),
                        ('v5 latency by time'), ('v6 pending latency'), ('v7 append-ordered indexes'), ('v8 correlation superblocks');
                    INSERT INTO services (id, name) VALUES (1, 'cart'), (2, 'billing');
                    INSERT INTO operations (id, service_id, name, kind) VALUES (1, 1, 'GET /cart', 2), (2, 2, 'charge', 2), (3, 2, 'db', 3);
                    INSERT INTO dictionary_strings (id, text) VALUES (1, 'http.request.method'), (2, 'GET');
                    """)
            try db.execute(
                sql: "INSERT INTO resources (id, body) VALUES (1, ?), (2, ?)",
                arguments: [Data(resource("cart")), Data(resource("billing"))])
            try db.execute(sql: "INSERT INTO scopes (id, body) VALUES (1, ?)", arguments: [Data(scopeBody)])
            let start = Int64(Make.base)
            let ms: Int64 = 1_000_000
            // (trace_seq, span, parent, service, operation, resource, start, end, status, error)
            let rows: [(Int64, UInt64, UInt64?, Int64, Int64, Int64, Int64, Int64, Int64, Int64)] = [
                (1, 1, nil, 1, 1, 1, start, start + 50 * ms, 0, 0),
                (1, 2, 1, 2, 2, 2, start + 10 * ms, start + 40 * ms, 2, 1),
                (1, 3, 2, 2, 3, 2, start + 12 * ms, start + 14 * ms, 0, 0),
                (2, 1, nil, 1, 1, 1, start + 100 * ms, start + 107 * ms, 0, 0)
            ]
            for row in rows {
                try db.execute(
                    sql: """
                        INSERT INTO spans (trace_seq, span_id, parent_span_id, service_id, operation_id, resource_id, scope_id,
                            start_ns, end_ns, status_code, is_error, body)
                        VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        row.0, Data(Make.spanID(row.1).bytes), row.2.map { Data(Make.spanID($0).bytes) }, row.3, row.4, row.5,
                        row.6, row.7, row.8, row.9, Data(spanBody(items: Int64(row.1)))
                    ])
            }
            try db.execute(
                sql: """
                    INSERT INTO traces (trace_id, seq, start_ns, duration_ns, span_count, error_count, root_service_id,
                        root_operation_id, service_ids, duration_class)
                    VALUES (?, 1, ?, 50000000, 3, 1, 1, 1, ',1,2,', 25), (?, 2, ?, 7000000, 1, 0, 1, 1, ',1,', 22)
                    """,
                arguments: [Data(Make.traceID(1).bytes), start, Data(Make.traceID(2).bytes), start + 100 * ms])
        }
    }

    // The v8 body layouts, field by field.

    private static func resource(_ service: String) -> [UInt8] {
        varint(1) + text("service.name") + [1] + text(service) + varint(0) + text("")  // plain attributes, dropped, schema URL
    }

    private static var scopeBody: [UInt8] { text("shop") + text("1.0") + varint(0) + varint(0) + text("") }

    /// Trace state, flags, status message; then the attributes in the dictionary form: key id 1 (`id << 1`) with
    /// string id 2 (tag 9), and the key "cart.items" inline (`length << 1 | 1`) with an int (tag 4); then dropped
    /// attributes, events, dropped events, links, dropped links.
    private static func spanBody(items: Int64) -> [UInt8] {
        text("") + varint(1) + text("")
            + varint(2) + varint(1 << 1) + [9] + varint(2)
            + varint(UInt64("cart.items".utf8.count) << 1 | 1) + Array("cart.items".utf8) + [4] + varint(UInt64(items << 1))
            + varint(0) + varint(0) + varint(0) + varint(0) + varint(0)
    }

    /// As `sqlite3 file .schema` prints a v8 file (the columns v7 added to `traces` included).
    private static let schema = """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        \(OldFileLayout.namesAndSpans)
        CREATE TABLE traces (
            trace_id BLOB PRIMARY KEY,
            seq INTEGER NOT NULL,
            start_ns INTEGER NOT NULL,
            duration_ns INTEGER NOT NULL,
            span_count INTEGER NOT NULL,
            error_count INTEGER NOT NULL,
            root_service_id INTEGER,
            root_operation_id INTEGER,
            service_ids TEXT NOT NULL
        , duration_class INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        CREATE INDEX traces_by_start ON traces (start_ns);
        \(OldFileLayout.logs)
        CREATE INDEX log_correlations_by_log ON log_correlations (log_id);
        CREATE TABLE dictionary_strings (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL UNIQUE
        );
        CREATE TABLE indexed_attribute_keys (
            key TEXT PRIMARY KEY,
            since_seq INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX traces_by_seq ON traces (seq);
        CREATE TABLE IF NOT EXISTS "latency_minutes" (
            minute INTEGER NOT NULL,
            operation_id INTEGER NOT NULL,
            count INTEGER NOT NULL,
            error_count INTEGER NOT NULL,
            histogram BLOB NOT NULL,
            PRIMARY KEY (minute, operation_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS "latency_hours" (
            hour INTEGER NOT NULL,
            operation_id INTEGER NOT NULL,
            count INTEGER NOT NULL,
            error_count INTEGER NOT NULL,
            histogram BLOB NOT NULL,
            PRIMARY KEY (hour, operation_id)
        ) WITHOUT ROWID;
        CREATE TABLE latency_pending (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
        CREATE INDEX traces_by_duration_class ON traces (duration_class, seq);
        CREATE TABLE trace_correlation_ids (
            seq INTEGER NOT NULL,
            correlation_id TEXT NOT NULL,
            PRIMARY KEY (seq, correlation_id)
        ) WITHOUT ROWID;
        CREATE TABLE correlation_blocks (
            block INTEGER NOT NULL,
            id_hash INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (block, id_hash, seq)
        ) WITHOUT ROWID;
        CREATE TABLE attribute_blocks (
            superblock INTEGER NOT NULL,
            pair_hash INTEGER NOT NULL,
            blocks INTEGER NOT NULL,
            PRIMARY KEY (superblock, pair_hash)
        ) WITHOUT ROWID;
        CREATE TABLE correlation_superblocks (
            superblock INTEGER NOT NULL,
            id_hash INTEGER NOT NULL,
            blocks INTEGER NOT NULL,
            PRIMARY KEY (superblock, id_hash)
        ) WITHOUT ROWID;
        """

    private static let (varint, text) = (OldFileLayout.varint, OldFileLayout.text)
}

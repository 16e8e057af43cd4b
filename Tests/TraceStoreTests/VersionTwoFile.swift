import Foundation
import GRDB
import TraceModel

/// Writes a database file as the store did at schema "v2 retention" (before the string dictionary): the
/// tables of that schema, and one span, its trace summary, its latency rows and one log whose bodies hold attributes in the
/// plain form (each key as length + bytes). The layout is written out here, not produced by today's code,
/// so the migration is tested against the old bytes.
enum VersionTwoFile {
    static func write(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
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
                    ) WITHOUT ROWID;
                    CREATE INDEX traces_by_start ON traces (start_ns);
                    CREATE INDEX traces_by_duration ON traces (duration_ns);
                    CREATE TABLE trace_correlations (
                        correlation_id TEXT NOT NULL,
                        trace_id BLOB NOT NULL,
                        PRIMARY KEY (correlation_id, trace_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX trace_correlations_by_trace ON trace_correlations (trace_id);
                    \(OldFileLayout.logs)
                    CREATE TABLE latency_minutes (
                        operation_id INTEGER NOT NULL,
                        minute INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        error_count INTEGER NOT NULL,
                        histogram BLOB NOT NULL,
                        PRIMARY KEY (operation_id, minute)
                    ) WITHOUT ROWID;
                    CREATE INDEX latency_minutes_by_minute ON latency_minutes (minute);
                    CREATE TABLE latency_hours (
                        operation_id INTEGER NOT NULL,
                        hour INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        error_count INTEGER NOT NULL,
                        histogram BLOB NOT NULL,
                        PRIMARY KEY (operation_id, hour)
                    ) WITHOUT ROWID;
                    CREATE INDEX latency_hours_by_hour ON latency_hours (hour);
                    CREATE INDEX log_correlations_by_log ON log_correlations (log_id);
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1'), ('v2 retention');
                    INSERT INTO services (id, name) VALUES (1, 'cart');
                    INSERT INTO operations (id, service_id, name, kind) VALUES (1, 1, 'GET /cart', 2);
                    """)
            try db.execute(sql: "INSERT INTO resources (id, body) VALUES (1, ?)", arguments: [Data(resourceBody)])
            try db.execute(sql: "INSERT INTO scopes (id, body) VALUES (1, ?)", arguments: [Data(scopeBody)])
            let start = Int64(Make.base)
            try db.execute(
                sql: """
                    INSERT INTO spans (trace_seq, span_id, parent_span_id, service_id, operation_id, resource_id, scope_id,
                        start_ns, end_ns, status_code, is_error, body)
                    VALUES (1, ?, NULL, 1, 1, 1, 1, ?, ?, 0, 0, ?)
                    """,
                arguments: [Data(Make.spanID(1).bytes), start, start + 5_000_000, Data(spanBody)])
            try db.execute(
                sql: """
                    INSERT INTO traces (trace_id, seq, start_ns, duration_ns, span_count, error_count, root_service_id,
                        root_operation_id, service_ids)
                    VALUES (?, 1, ?, 5000000, 1, 0, 1, 1, ',1,')
                    """,
                arguments: [Data(Make.traceID(1).bytes), start])
            try db.execute(
                sql: "INSERT INTO trace_correlations (correlation_id, trace_id) VALUES ('req-1', ?)",
                arguments: [Data(Make.traceID(1).bytes)])
            // One 5 ms request of the operation, in its minute and hour (a histogram: max, then value–count pairs).
            let minute = start / 60_000_000_000
            let histogram = Data(varint(5_000) + varint(5_000) + varint(1))
            try db.execute(
                sql: "INSERT INTO latency_minutes (operation_id, minute, count, error_count, histogram) VALUES (1, ?, 1, 0, ?)",
                arguments: [minute, histogram])
            try db.execute(
                sql: "INSERT INTO latency_hours (operation_id, hour, count, error_count, histogram) VALUES (1, ?, 1, 0, ?)",
                arguments: [minute / 60, histogram])
            try db.execute(
                sql: """
                    INSERT INTO logs (time_ns, service_id, severity_number, trace_id, span_id, resource_id, scope_id, body_text, body)
                    VALUES (?, 1, 9, NULL, NULL, 1, 1, 'added to cart', ?)
                    """,
                arguments: [start, Data(logBody)])
        }
    }

    // The v2 body layouts, field by field.

    private static var resourceBody: [UInt8] {
        attributes([("service.name", string("cart"))]) + varint(0) + text("")
    }

    private static var scopeBody: [UInt8] { text("shop") + text("1.0") + attributes([]) + varint(0) + text("") }

    private static var spanBody: [UInt8] {
        text("") + varint(1) + text("")  // trace state, flags, status message
            + attributes([("http.request.method", string("GET")), ("http.response.status_code", int(200))])
            + varint(0) + varint(0) + varint(0) + varint(0) + varint(0)  // dropped attributes, events, dropped, links, dropped
    }

    private static var logBody: [UInt8] {
        varint(Make.base) + varint(Make.base) + varint(Make.base) + text("INFO") + string("added to cart")
            + attributes([("cart.items", int(3))]) + varint(0) + varint(0) + text("") + varint(0)
    }

    private static func attributes(_ pairs: [(String, [UInt8])]) -> [UInt8] {
        pairs.reduce(varint(UInt64(pairs.count))) { $0 + text($1.0) + $1.1 }
    }

    private static func string(_ value: String) -> [UInt8] { [1] + text(value) }
    private static func int(_ value: Int64) -> [UInt8] { [4] + varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    private static let (varint, text) = (OldFileLayout.varint, OldFileLayout.text)
}

/// What the old-file fixtures (`VersionTwoFile`, `VersionEightFile`) write alike: the tables no migration up to v8
/// changed, spelled as those files' `sqlite_schema` holds them, and the varint and string encodings of the bodies.
enum OldFileLayout {
    /// The interned tables and `spans` (one row per span, WITHOUT ROWID), as v1 created them.
    static let namesAndSpans = """
        CREATE TABLE services (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE operations (
            id INTEGER PRIMARY KEY,
            service_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind INTEGER NOT NULL,
            UNIQUE (service_id, name, kind)
        );
        CREATE TABLE resources (
            id INTEGER PRIMARY KEY,
            body BLOB NOT NULL UNIQUE
        );
        CREATE TABLE scopes (
            id INTEGER PRIMARY KEY,
            body BLOB NOT NULL UNIQUE
        );
        CREATE TABLE spans (
            trace_seq INTEGER NOT NULL,
            span_id BLOB NOT NULL,
            parent_span_id BLOB,
            service_id INTEGER NOT NULL,
            operation_id INTEGER NOT NULL,
            resource_id INTEGER NOT NULL,
            scope_id INTEGER NOT NULL,
            start_ns INTEGER NOT NULL,
            end_ns INTEGER NOT NULL,
            status_code INTEGER NOT NULL,
            is_error INTEGER NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (trace_seq, span_id)
        ) WITHOUT ROWID;
        """

    /// `logs`, its indexes and `log_correlations`, as v1 created them.
    static let logs = """
        CREATE TABLE logs (
            id INTEGER PRIMARY KEY,
            time_ns INTEGER NOT NULL,
            service_id INTEGER NOT NULL,
            severity_number INTEGER NOT NULL,
            trace_id BLOB,
            span_id BLOB,
            resource_id INTEGER NOT NULL,
            scope_id INTEGER NOT NULL,
            body_text TEXT NOT NULL,
            body BLOB NOT NULL
        );
        CREATE INDEX logs_by_time ON logs (time_ns);
        CREATE INDEX logs_by_trace ON logs (trace_id, time_ns) WHERE trace_id IS NOT NULL;
        CREATE TABLE log_correlations (
            correlation_id TEXT NOT NULL,
            log_id INTEGER NOT NULL,
            PRIMARY KEY (correlation_id, log_id)
        ) WITHOUT ROWID;
        """

    static func text(_ value: String) -> [UInt8] { varint(UInt64(value.utf8.count)) + Array(value.utf8) }

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }
}

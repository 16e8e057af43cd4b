import Foundation
import GRDBSQLite

/// The storage limit ingest is compared with: the collector's own span rows appended through the SQLite C API
/// to a table with no key and no index (pure append), 10,000 rows per transaction, with the collector's
/// durability settings (WAL, synchronous=FULL). Whatever the collector does beyond this is its own overhead.
enum SQLiteAppendBaseline {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// One stored span row, as read back from the collector's database.
    struct Row: Sendable {
        var blobs: [[UInt8]?]  // trace_id, span_id, parent_span_id, body
        var integers: [Int64]  // service_id, operation_id, resource_id, scope_id, start_ns, end_ns, status_code, is_error
    }

    static let columns = "trace_id, span_id, parent_span_id, body, service_id, operation_id, resource_id, scope_id, start_ns, end_ns, status_code, is_error"

    /// Reads up to `limit` span rows from a closed collector database.
    static func readRows(from path: String, limit: Int) throws -> [Row] {
        let db = try open(path)
        defer { sqlite3_close_v2(db) }
        let statement = try prepare(db, "SELECT \(columns) FROM spans LIMIT \(limit)")
        defer { sqlite3_finalize(statement) }
        var rows: [Row] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            var row = Row(blobs: [], integers: [])
            for column in Int32(0)..<4 {
                if sqlite3_column_type(statement, column) == SQLITE_NULL {
                    row.blobs.append(nil)
                } else {
                    let count = Int(sqlite3_column_bytes(statement, column))
                    let pointer = sqlite3_column_blob(statement, column)
                    row.blobs.append(count == 0 ? [] : Array(UnsafeRawBufferPointer(start: pointer, count: count)))
                }
            }
            for column in Int32(4)..<12 { row.integers.append(sqlite3_column_int64(statement, column)) }
            rows.append(row)
        }
        return rows
    }

    /// Appends `rows` to a fresh file at `path`; returns rows per second.
    static func append(_ rows: [Row], to path: String, rowsPerTransaction: Int = 10_000) throws -> Double {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let db = try open(path)
        defer {
            sqlite3_close_v2(db)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try execute(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        try execute(db, """
            CREATE TABLE spans (trace_id BLOB, span_id BLOB, parent_span_id BLOB, body BLOB, service_id INTEGER,
                operation_id INTEGER, resource_id INTEGER, scope_id INTEGER, start_ns INTEGER, end_ns INTEGER,
                status_code INTEGER, is_error INTEGER)
            """)
        let insert = try prepare(db, "INSERT INTO spans (\(columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        defer { sqlite3_finalize(insert) }
        let started = ContinuousClock.now
        var index = 0
        while index < rows.count {
            try execute(db, "BEGIN")
            for row in rows[index..<min(rows.count, index + rowsPerTransaction)] {
                for (column, blob) in row.blobs.enumerated() {
                    if let blob {
                        _ = blob.withUnsafeBytes { sqlite3_bind_blob(insert, Int32(column + 1), $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT_BENCH) }
                    } else {
                        sqlite3_bind_null(insert, Int32(column + 1))
                    }
                }
                for (column, value) in row.integers.enumerated() { sqlite3_bind_int64(insert, Int32(column + 5), value) }
                guard sqlite3_step(insert) == SQLITE_DONE else { throw Failure(description: message(db)) }
                sqlite3_reset(insert)
            }
            try execute(db, "COMMIT")
            index += rowsPerTransaction
        }
        return Double(rows.count) / (ContinuousClock.now - started).seconds
    }

    private static func open(_ path: String) throws -> OpaquePointer {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let db else {
            throw Failure(description: "cannot open \(path)")
        }
        return db
    }

    private static func prepare(_ db: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: message(db))
        }
        return statement
    }

    private static func execute(_ db: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw Failure(description: message(db)) }
    }

    private static func message(_ db: OpaquePointer) -> String { String(cString: sqlite3_errmsg(db)) }
}

/// SQLITE_TRANSIENT (a macro Swift cannot import): SQLite copies the bound bytes.
let SQLITE_TRANSIENT_BENCH = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

import Foundation
import GRDBSQLite

/// The storage limit ingest is compared with: the collector's own span chunk rows (`trace_chunks`, compressed
/// as it wrote them) appended through the SQLite C API to a table with no key and no index (pure append), 10,000
/// rows per transaction, with the collector's durability settings (WAL, synchronous=FULL), counted in the spans
/// those rows hold. Whatever the collector does beyond this is its own overhead.
enum SQLiteAppendBaseline {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// One stored span row, as read back from the collector's database, whatever its columns are.
    struct Row: Sendable {
        var values: [Value]
    }

    enum Value: Sendable {
        case null, integer(Int64), real(Double), blob([UInt8])
    }

    /// The chunk table's columns and rows, read from a closed collector database.
    struct Rows: Sendable {
        var columns: [String]
        var rows: [Row]
        /// The spans the rows hold (8 bytes of `span_ids` each).
        var spanCount: Int
    }

    static func readRows(from path: String, limit: Int) throws -> Rows {
        let db = try open(path)
        defer { sqlite3_close_v2(db) }
        let statement = try prepare(db, "SELECT * FROM trace_chunks LIMIT \(limit)")
        defer { sqlite3_finalize(statement) }
        let count = sqlite3_column_count(statement)
        let columns = (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [Row] = []
        var spanCount = 0
        let spanIDs = columns.firstIndex(of: "span_ids").map(Int32.init)
        while sqlite3_step(statement) == SQLITE_ROW {
            if let spanIDs { spanCount += Int(sqlite3_column_bytes(statement, spanIDs)) / 8 }
            rows.append(
                Row(
                    values: (0..<count).map { column in
                        switch sqlite3_column_type(statement, column) {
                        case SQLITE_NULL: return .null
                        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
                        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
                        default:
                            let bytes = Int(sqlite3_column_bytes(statement, column))
                            guard bytes > 0, let pointer = sqlite3_column_blob(statement, column) else { return .blob([]) }
                            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: bytes)))
                        }
                    }))
        }
        return Rows(columns: columns, rows: rows, spanCount: spanCount)
    }

    /// Appends the rows to a fresh file at `path`, into a table with the same columns and no key; returns rows per second.
    /// (Multiplied by `Rows.spanCount / rows.count`, spans per second.)
    static func append(_ table: Rows, to path: String, rowsPerTransaction: Int = 10_000) throws -> Double {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let db = try open(path)
        defer {
            sqlite3_close_v2(db)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try execute(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        try execute(db, "CREATE TABLE spans (\(table.columns.joined(separator: ", ")))")
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ",")
        let insert = try prepare(db, "INSERT INTO spans VALUES (\(placeholders))")
        defer { sqlite3_finalize(insert) }
        let started = ContinuousClock.now
        var index = 0
        while index < table.rows.count {
            try execute(db, "BEGIN")
            for row in table.rows[index..<min(table.rows.count, index + rowsPerTransaction)] {
                for (offset, value) in row.values.enumerated() {
                    let column = Int32(offset + 1)
                    switch value {
                    case .null: sqlite3_bind_null(insert, column)
                    case .integer(let integer): sqlite3_bind_int64(insert, column, integer)
                    case .real(let real): sqlite3_bind_double(insert, column, real)
                    case .blob(let blob):
                        _ = blob.withUnsafeBytes {
                            sqlite3_bind_blob(insert, column, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT_BENCH)
                        }
                    }
                }
                guard sqlite3_step(insert) == SQLITE_DONE else { throw Failure(description: message(db)) }
                sqlite3_reset(insert)
            }
            try execute(db, "COMMIT")
            index += rowsPerTransaction
        }
        return Double(table.rows.count) / (ContinuousClock.now - started).seconds
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

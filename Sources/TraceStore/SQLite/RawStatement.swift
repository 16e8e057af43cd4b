import GRDB
import GRDBSQLite
import TraceModel

/// A prepared statement bound and stepped through SQLite's C API. The span insert runs once per span at
/// 100k spans/s; GRDB's `StatementArguments` (boxed values, a `Data` per blob) cost more than the insert itself.
/// Only this folder uses it, always inside the transaction `pool.write` or `pool.read` opened: the writer, and
/// `SpanRowReader` for the spans of a trace.
struct RawStatement {
    /// Keeps GRDB's statement (and so the handle) alive.
    private let statement: Statement
    private let handle: SQLiteStatement

    init(_ statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    /// SQLite copies the bytes (SQLITE_TRANSIENT), so they need not outlive the call.
    func bind(_ index: Int32, bytes: UnsafeRawBufferPointer) {
        sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
    }

    func bind(_ index: Int32, bytes: [UInt8]) {
        bytes.withUnsafeBytes { bind(index, bytes: $0) }
    }

    /// Ids as 8 or 16 big-endian bytes, as `StoredID` writes them.
    func bind(_ index: Int32, _ id: SpanID) {
        withUnsafeBytes(of: id.value.bigEndian) { bind(index, bytes: $0) }
    }

    func bind(_ index: Int32, _ id: TraceID) {
        withUnsafeBytes(of: (id.high.bigEndian, id.low.bigEndian)) { bind(index, bytes: $0) }
    }

    func bind(_ index: Int32, text: String) {
        var text = text
        text.withUTF8 { utf8 in
            _ = sqlite3_bind_text(
                handle, index, utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, Int32(utf8.count),
                sqliteTransient)
        }
    }

    /// Runs the statement to completion (for inserts and updates) and readies it for the next row.
    func run(_ db: Database) throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
    }

    /// Steps once: true with a row to read, false when done.
    func step(_ db: Database) throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
        return false
    }

    func reset() { sqlite3_reset(handle) }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column's bytes in place, valid only inside `body` (no copy for a value read once).
    func withBlob<Result>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        // Pointer first, then length: the order SQLite documents.
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// SQLITE_TRANSIENT is a macro Swift cannot import: a destructor of -1 tells SQLite to copy the bytes.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

import TraceModel
import GRDB
import Foundation

/// Migration "v3 string dictionary": creates `dictionary_strings` and rewrites every span and log body from
/// the plain attribute form to the dictionary form (see `StringDictionary`). Bodies are rewritten in place,
/// key order kept, so the rows' other columns and keys do not move.
enum StringDictionaryMigration {
    static func run(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE dictionary_strings (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL UNIQUE
                )
                """)
        var interner = StringInterner()
        try interner.loadIfNeeded(db)
        try rewriteSpans(db, interner: &interner)
        try rewriteLogs(db, interner: &interner)
        _ = try StringInterner.insert(interner.pending, db)
    }

    private static func rewriteSpans(_ db: Database, interner: inout StringInterner) throws {
        let update = try db.makeStatement(sql: "UPDATE spans SET body = ? WHERE trace_seq = ? AND span_id = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT trace_seq, span_id, body FROM spans")
        var writer = BinaryWriter(capacity: 4096)
        while let row = try rows.next() {
            var span = Span(traceID: .zero, spanID: .zero, name: "", kind: .unspecified, startTimeUnixNano: 0, endTimeUnixNano: 0)
            try RowCodec.decodeSpanBody([UInt8](row[2] as Data), into: &span, form: .plain)
            writer.removeAll()
            RowCodec.encodeSpanBody(span, into: &writer, interner: &interner)
            try update.execute(arguments: [Data(writer.bytes), row[0] as Int64, row[1] as Data])
        }
    }

    private static func rewriteLogs(_ db: Database, interner: inout StringInterner) throws {
        let update = try db.makeStatement(sql: "UPDATE logs SET body = ? WHERE id = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT id, body FROM logs")
        while let row = try rows.next() {
            var entry = LogEntry(record: LogRecord(), receivedTimeUnixNano: 0)
            try RowCodec.decodeLogBody([UInt8](row[1] as Data), into: &entry, form: .plain)
            try update.execute(arguments: [Data(RowCodec.encodeLogBody(entry, interner: &interner)), row[0] as Int64])
        }
    }
}

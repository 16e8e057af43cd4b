import Foundation
import GRDB
import TraceModel

/// Migration v9: span rows become chunks (see `TraceChunk`): one row per trace and commit, its columns packed and
/// zstd-compressed with a dictionary trained on the file's own spans, instead of one row per span (177 of the 220
/// bytes per span a 10M-span file took).
///
/// `trace_chunks` is an ordinary rowid table with an index by trace, not a WITHOUT ROWID table keyed by
/// (trace, chunk): a chunk is often 1–4 kB, and an index B-tree keeps at most ~1 kB of a row in its page, spilling
/// the rest to an overflow page that is mostly empty; a table B-tree keeps rows up to ~4 kB in the page and sizes
/// the part it spills to fill whole overflow pages. Rowids only grow, so chunks still append.
enum TraceChunksMigration {
    static func run(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE chunk_dictionaries (
                    id INTEGER PRIMARY KEY,
                    body BLOB NOT NULL
                );
                CREATE TABLE trace_chunks (
                    id INTEGER PRIMARY KEY,
                    trace_seq INTEGER NOT NULL,
                    span_ids BLOB NOT NULL,
                    dictionary INTEGER NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE INDEX trace_chunks_by_trace ON trace_chunks (trace_seq);
                """)
        // The first traces train the file's first dictionary, so every migrated chunk is compressed with it.
        var samples: [[UInt8]] = []
        var sampledBytes = 0
        try forEachStoredTrace(db, seqs: Int64.min...Int64.max) { _, spans in
            let columns = TraceChunk.encodeColumns(spans)
            samples.append(columns)
            sampledBytes += columns.count
            return sampledBytes < ChunkCompression.trainingBytes
        }
        if sampledBytes >= ChunkCompression.trainingBytes { _ = try ChunkCompression.train(samples, db: db) }
        // A range of traces at a time, their span rows deleted once their chunks are written: the pages they free
        // take the next chunks, so the file does not grow by the chunks' size before `spans` is dropped (a 13M-span
        // file grew from 2.7 to 3.3 GB that way, 2.3 GB of it free).
        let writer = try TraceChunkWriter(db: db, compression: try ChunkCompression(db: db))
        var lower = try Int64.fetchOne(db, sql: "SELECT min(trace_seq) FROM spans")
        while let from = lower {
            let to = from + tracesPerStep - 1
            try forEachStoredTrace(db, seqs: from...to) { seq, spans in
                try writer.insert(spans, seq: seq, db: db)
                return true
            }
            try db.execute(sql: "DELETE FROM spans WHERE trace_seq BETWEEN ? AND ?", arguments: [from, to])
            lower = try Int64.fetchOne(db, sql: "SELECT min(trace_seq) FROM spans WHERE trace_seq > ?", arguments: [to])
        }
        try db.execute(sql: "DROP TABLE spans")
        // The file gives back what the span rows took beyond the chunks (files made with auto_vacuum = INCREMENTAL;
        // a no-op on older ones).
        try db.execute(sql: "PRAGMA incremental_vacuum")
    }

    /// Traces rewritten between two deletes of their span rows.
    private static let tracesPerStep: Int64 = 4_096

    /// The span rows of each trace in `seqs` as chunk spans, in sequence order, until `body` returns false.
    private static func forEachStoredTrace(
        _ db: Database, seqs: ClosedRange<Int64>, _ body: (Int64, [ChunkSpan]) throws -> Bool
    ) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT trace_seq, span_id, parent_span_id, service_id, operation_id, resource_id, scope_id, start_ns, end_ns,
                    status_code, is_error, body
                FROM spans WHERE trace_seq BETWEEN ? AND ? ORDER BY trace_seq, span_id
                """, arguments: [seqs.lowerBound, seqs.upperBound])
        var seq: Int64?
        var spans: [ChunkSpan] = []
        while let row = try rows.next() {
            let rowSeq: Int64 = row[0]
            if rowSeq != seq {
                if let seq, !(try body(seq, spans)) { return }
                seq = rowSeq
                spans = []
            }
            spans.append(
                ChunkSpan(
                    spanID: StoredID.spanID(row[1]) ?? .zero, parentSpanID: (row[2] as Data?).flatMap(StoredID.spanID),
                    start: StoredTime.value(row[7]), end: StoredTime.value(row[8]), serviceID: row[3], operationID: row[4],
                    resourceID: row[5], scopeID: row[6], statusCode: Int32(truncatingIfNeeded: row[9] as Int64), isError: row[10],
                    body: [UInt8](row[11] as Data)))
        }
        if let seq { _ = try body(seq, spans) }
    }
}

import Foundation
import GRDB
import TraceModel

/// Writes a commit's spans of one trace as one chunk (see `TraceChunk`, `Schema` v9), and keeps each span id in
/// exactly one chunk of its trace: a re-sent span is taken out of the chunk that held it (a rare path: that
/// chunk is rewritten, or deleted when nothing is left in it).
struct TraceChunkWriter {
    private let insert: RawStatement
    private let selectSpanIDs: RawStatement
    let compression: ChunkCompression

    init(db: Database, compression: ChunkCompression) throws {
        self.compression = compression
        insert = RawStatement(
            try db.cachedStatement(sql: "INSERT INTO trace_chunks (trace_seq, span_ids, dictionary, body) VALUES (?, ?, ?, ?)"))
        selectSpanIDs = RawStatement(try db.cachedStatement(sql: "SELECT id, span_ids FROM trace_chunks WHERE trace_seq = ?"))
    }

    /// The span ids a stored trace holds, each with the chunk that holds it. Only the raw id column is read:
    /// nothing is decompressed.
    func storedSpanIDs(seq: Int64, db: Database) throws -> [SpanID: Int64] {
        selectSpanIDs.bind(1, seq)
        defer { selectSpanIDs.reset() }
        var chunkOfSpan: [SpanID: Int64] = [:]
        while try selectSpanIDs.step(db) {
            let chunk = selectSpanIDs.int64(0)
            for id in selectSpanIDs.withBlob(1, TraceChunk.spanIDs) { chunkOfSpan[id] = chunk }
        }
        return chunkOfSpan
    }

    func insert(_ spans: [ChunkSpan], seq: Int64, db: Database) throws {
        guard !spans.isEmpty else { return }
        let (dictionaryID, body) = try compression.compress(TraceChunk.encodeColumns(spans), db: db)
        insert.bind(1, seq)
        insert.bind(2, bytes: TraceChunk.encodeSpanIDs(spans))
        insert.bind(3, dictionaryID)
        insert.bind(4, bytes: body)
        try insert.run(db)
    }

    /// Takes the spans `ids` out of the chunk `chunk`.
    func remove(_ ids: Set<SpanID>, fromChunk chunk: Int64, db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT span_ids, dictionary, body FROM trace_chunks WHERE id = ?", arguments: [chunk])
        else { return }
        let decoder = TraceChunkDecoder { try compression.dictionary($0, db: db) }
        let kept = try decoder.spans(row, bodies: true).filter { !ids.contains($0.spanID) }
        guard !kept.isEmpty else {
            try db.execute(sql: "DELETE FROM trace_chunks WHERE id = ?", arguments: [chunk])
            return
        }
        let (dictionaryID, body) = try compression.compress(TraceChunk.encodeColumns(kept), db: db)
        try db.execute(
            sql: "UPDATE trace_chunks SET span_ids = ?, dictionary = ?, body = ? WHERE id = ?",
            arguments: [Data(TraceChunk.encodeSpanIDs(kept)), dictionaryID, Data(body), chunk])
    }
}

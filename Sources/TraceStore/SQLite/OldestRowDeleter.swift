import Foundation
import GRDB

/// Deletes one trace or one log with everything that hangs off it, and says how many bytes went.
///
/// The bytes are what retention steers by: a delete frees space inside pages at once, but whole pages reach the
/// free list only when every row on them is gone, so the file's used pages lag far behind (steering by them
/// alone deleted three times the excess). Each DELETE returns the lengths of what it removed, and
/// `PageFootprint` turns them into the bytes the rows took in the file (overflow pages included); small fixed
/// sizes stand for the key columns and the index entries.
struct OldestRowDeleter {
    /// A chunk row's payload besides its span ids and compressed body: sequence number, dictionary, record header;
    /// and its entry in `trace_chunks_by_trace`.
    static let chunkColumns = 12
    static let chunkIndexEntry = 16
    /// A log row's payload besides its body and text.
    static let logColumns = 50
    /// A trace summary row and its entries in `traces_by_start`, `traces_by_duration_class` (which carries the
    /// duration, start, error count and service ids since v10) and `traces_by_seq`.
    static let traceRow = 175
    /// A correlation row beyond its id's bytes: its sequence number and key overhead, and its row in
    /// `correlation_blocks` (which goes with its block, see `deleteBlocks`).
    static let correlationRow = 40
    /// A log's entries in `logs_by_time` and `logs_by_trace`.
    static let logIndexEntries = 60

    private let footprint: PageFootprint
    private let chunks: Statement
    private let traceCorrelations: Statement
    private let trace: Statement
    private let log: Statement
    private let logCorrelations: Statement

    init(db: Database) throws {
        footprint = PageFootprint(pageSize: try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
        // Chunks are found by their trace's sequence number (see Schema). Their bodies are compressed: what a delete
        // frees is the compressed length.
        chunks = try db.cachedStatement(
            sql: "DELETE FROM trace_chunks WHERE trace_seq = ? RETURNING length(span_ids) + length(body)")
        traceCorrelations = try db.cachedStatement(
            sql: "DELETE FROM trace_correlation_ids WHERE seq = ? RETURNING length(CAST(correlation_id AS BLOB))")
        trace = try db.cachedStatement(sql: "DELETE FROM traces WHERE trace_id = ?")
        log = try db.cachedStatement(
            sql: "DELETE FROM logs WHERE id = ? RETURNING length(body) + length(CAST(body_text AS BLOB))")
        logCorrelations = try db.cachedStatement(
            sql: "DELETE FROM log_correlations WHERE log_id = ? RETURNING length(CAST(correlation_id AS BLOB))")
    }

    /// Deletes the trace, its chunks and its correlation rows; returns the bytes they took.
    func deleteTrace(id: Data, seq: Int64) throws -> Int {
        let chunkPayloads = try Int.fetchAll(chunks, arguments: [seq])
        let correlationIDs = try Int.fetchAll(traceCorrelations, arguments: [seq])
        try trace.execute(arguments: [id])
        return Self.traceRow
            + chunkPayloads.reduce(0) { $0 + footprint.tableRow(payload: $1 + Self.chunkColumns) + Self.chunkIndexEntry }
            + correlationIDs.reduce(0) { $0 + $1 + Self.correlationRow }
    }

    /// The rows of the block indexes (tags, correlation ids) whose blocks hold no trace older than the oldest
    /// left: a block partly deleted keeps its rows until its last trace goes (they only add candidates).
    static func deleteBlocks(db: Database) throws {
        let oldest = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM traces") ?? Int64.max
        try db.execute(
            sql: "DELETE FROM attribute_blocks WHERE superblock < ?", arguments: [AttributeIndexPolicy.superblock(ofSeq: oldest)])
        try db.execute(sql: "DELETE FROM attribute_regions WHERE region < ?", arguments: [AttributeRegions.region(ofSeq: oldest)])
        try db.execute(sql: "DELETE FROM correlation_blocks WHERE block < ?", arguments: [CorrelationIndex.block(ofSeq: oldest)])
        try db.execute(
            sql: "DELETE FROM correlation_superblocks WHERE superblock < ?", arguments: [CorrelationIndex.superblock(ofSeq: oldest)])
    }

    /// Deletes the log and its correlation rows; returns the bytes they took.
    func deleteLog(id: Int64) throws -> Int {
        let body = try Int.fetchAll(log, arguments: [id]).reduce(0, +)
        let correlationIDs = try Int.fetchAll(logCorrelations, arguments: [id])
        return footprint.tableRow(payload: body + Self.logColumns) + Self.logIndexEntries
            + correlationIDs.reduce(0) { $0 + 2 * $1 + Self.correlationRow }
    }
}

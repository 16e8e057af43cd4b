import Foundation
import GRDB
import TraceModel

/// Reads stored chunks back into spans: decompresses each with the dictionary its row names.
struct TraceChunkDecoder {
    /// The dictionary of an id (nil for 0, no dictionary): the readers' `CatalogCache`, or the writer's.
    let dictionary: (Int64) throws -> Zstd.Dictionary?
    private let decompressor = Zstd.Decompressor()

    init(dictionary: @escaping (Int64) throws -> Zstd.Dictionary?) {
        self.dictionary = dictionary
    }

    static let selectTrace = "SELECT span_ids, dictionary, body FROM trace_chunks WHERE trace_seq = ? ORDER BY id"

    /// Every span of the trace with sequence number `seq`, oldest first (ties in span id order, as the span rows
    /// were read before chunks).
    func spans(seq: Int64, bodies: Bool, db: Database) throws -> [ChunkSpan] {
        var spans: [ChunkSpan] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.selectTrace), arguments: [seq])
        while let row = try rows.next() { spans += try self.spans(row, bodies: bodies) }
        spans.sort { ($0.start, $0.spanID) < ($1.start, $1.spanID) }
        return spans
    }

    /// The spans of one chunk row (columns span_ids, dictionary, body).
    func spans(_ row: Row, bodies: Bool) throws -> [ChunkSpan] {
        let spanIDs = (row[0] as Data).withUnsafeBytes(TraceChunk.spanIDs)
        let compressed = row[2] as Data
        let columns = try compressed.withUnsafeBytes { try decompressor.decompress($0, dictionary: try dictionary(row[1])) }
        return try TraceChunk.decode(spanIDs: spanIDs, columns: columns, bodies: bodies)
    }
}

import GRDB

/// How big the write-ahead log may grow before the writer copies it back into the database file.
///
/// SQLite's default checkpoints every 1,000 frames (4 MB). A collector commit writes over a thousand frames
/// (every random-keyed index it touches costs a page), so the writer copied each commit's pages into the
/// database file right away, with two more fsyncs, on nearly every commit. With a longer log, a page that
/// several commits touch is copied once. Benchmark ingest into a 2M-span database, back to back: 40–57k
/// spans/s with the default, 67–72k at 20,000 frames, 72–78k at 50,000.
///
/// Copying in a background thread and connection was tried too (passive checkpoints beside the writer's
/// transactions): 65–70k. On two cores the copying takes CPU the request handlers need, and small passes
/// copy pages again that the next commits dirty.
///
/// Durability is unchanged: every commit still reaches the log with `synchronous = FULL`. The costs: the
/// commit that reaches the size also copies the log (a pause of a few hundred milliseconds for the requests
/// in it), and the log file takes `maxBytes` of disk beside the database file once it has filled.
package struct WriteAheadLog: Sendable {
    package static let defaultMaxBytes = 160 << 20
    /// SQLite's own default: a smaller log would only checkpoint more often than SQLite does.
    static let minimumFrames = 1_000

    /// The log's size at which the writer checkpoints.
    package var maxBytes: Int

    package init(maxBytes: Int = Self.defaultMaxBytes) {
        self.maxBytes = maxBytes
    }

    /// A log that adds at most an eighth to a database kept under `maxDatabaseBytes` (retention by size).
    package static func within(maxDatabaseBytes: Int?) -> WriteAheadLog {
        WriteAheadLog(maxBytes: min(defaultMaxBytes, (maxDatabaseBytes ?? .max) / 8))
    }

    /// For the writer's connection (readers never commit, so they never checkpoint).
    func configureWriter(_ db: Database) throws {
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        // A frame is a page and its 24-byte header.
        let frames = max(Self.minimumFrames, maxBytes / (pageSize + 24))
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(frames)")
        // The file keeps its full size when the log starts over. Frames are not aligned to the file system's
        // blocks (a 24-byte header precedes each page), so writing them into a cut-back file makes ext4
        // zero the partial blocks first: writer alone, 78-80k spans/s with the file cut to a tenth, 86-89k
        // kept. Only a log that grew past this (a long read holding old frames) is cut back.
        try db.execute(sql: "PRAGMA journal_size_limit = \(frames * (pageSize + 24))")
    }
}

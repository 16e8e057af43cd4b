import Foundation
import GRDB

/// Correlation ids (request ids) of traces, in tables that all grow at their right edge:
/// - `trace_correlation_ids` (seq, correlation_id): a trace's ids, keyed by its sequence number;
/// - `correlation_blocks` (block, id_hash, seq): for finding traces by id, grouped in blocks of
///   `tracesPerBlock` traces by sequence number;
/// - `correlation_superblocks` (superblock, id_hash, blocks): a bit per block of `blocksPerSuperblock` that
///   holds the hash, written once when a superblock fills (v8, `sealSuperblock`).
///
/// A B-tree keyed by the id itself (random, one per request) put every new trace on a random page, and a second
/// index by trace another: about a third of the pages a commit wrote. Here a commit's rows land in the newest
/// block's few pages, and a superblock's rows are written in one go, in order. A lookup probes each block of the
/// newest superblock (at most 64), one row per older superblock (about 9 at 10M spans, 90 at 100M, where it
/// probed each of 5,000 blocks before v8) and the blocks its bits name, then checks the id itself in
/// `trace_correlation_ids`, so a hash collision costs a probe, never a wrong answer.
enum CorrelationIndex {
    static let tracesPerBlock: Int64 = 2048
    /// One bit each in an Int64 column: a superblock is 131,072 traces (about 1.2M spans of the demo's).
    static let blocksPerSuperblock: Int64 = 64
    /// Ids kept per trace: each is an index row, and a trace of thousands of spans could carry a distinct id on
    /// every span. Real traces carry one or a few (a request id, a correlation id, a retry's id).
    static let maxIDsPerTrace = 64
    /// Traces a lookup returns at most, newest first.
    static let maxTraces = 10_000

    static func block(ofSeq seq: Int64) -> Int64 { seq / tracesPerBlock }
    static func superblock(ofBlock block: Int64) -> Int64 { block / blocksPerSuperblock }
    static func superblock(ofSeq seq: Int64) -> Int64 { superblock(ofBlock: block(ofSeq: seq)) }

    /// Whether the trace with this sequence number is the first of its superblock: the one before is full then.
    static func opensSuperblock(_ seq: Int64) -> Bool { seq > 0 && seq % (tracesPerBlock * blocksPerSuperblock) == 0 }

    /// Folds the block rows of superblocks `range` into their `correlation_superblocks` rows. A block's bit is
    /// 1 << (block mod 64); the distinct bits of one row sum to their union (bit 63 makes it negative, never an
    /// overflow). Merged into a row already there (an id added later to an older trace, see `Writer.add`).
    static func sealSuperblocks(_ range: ClosedRange<Int64>, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO correlation_superblocks (superblock, id_hash, blocks)
                    SELECT block / \(blocksPerSuperblock), id_hash, sum(DISTINCT 1 << (block % \(blocksPerSuperblock)))
                    FROM correlation_blocks WHERE block BETWEEN ? AND ? GROUP BY block / \(blocksPerSuperblock), id_hash
                ON CONFLICT (superblock, id_hash) DO UPDATE SET blocks = blocks | excluded.blocks
                """,
            arguments: [range.lowerBound * blocksPerSuperblock, range.upperBound * blocksPerSuperblock + blocksPerSuperblock - 1])
    }

    static func hash(_ id: String) -> Int64 { StoredHash.of(id) }

    /// The writer's side: adds an id to a trace (nothing if the trace has it or already has the most it keeps).
    struct Writer {
        private let countIDs: RawStatement
        private let insertID: RawStatement
        private let insertBlockRow: RawStatement
        private let mergeSuperblockRow: RawStatement

        init(db: Database) throws {
            countIDs = RawStatement(try db.cachedStatement(sql: "SELECT count(*) FROM trace_correlation_ids WHERE seq = ?"))
            insertID = RawStatement(
                try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO trace_correlation_ids (seq, correlation_id) VALUES (?, CAST(? AS TEXT))"))
            insertBlockRow = RawStatement(
                try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO correlation_blocks (block, id_hash, seq) VALUES (?, ?, ?)"))
            mergeSuperblockRow = RawStatement(
                try db.cachedStatement(
                    sql: """
                        INSERT INTO correlation_superblocks (superblock, id_hash, blocks) VALUES (?, ?, ?)
                        ON CONFLICT (superblock, id_hash) DO UPDATE SET blocks = blocks | excluded.blocks
                        """))
        }

        /// `isNewTrace`: the trace holds no ids yet, so none needs counting.
        func add(_ ids: [String], seq: Int64, isNewTrace: Bool, db: Database) throws {
            var room = CorrelationIndex.maxIDsPerTrace
            if !isNewTrace {
                countIDs.bind(1, seq)
                defer { countIDs.reset() }
                if try countIDs.step(db) { room -= Int(countIDs.int64(0)) }
            }
            for id in ids where room > 0 {
                insertID.bind(1, seq)
                insertID.bind(2, text: id)
                try insertID.run(db)
                guard db.changesCount > 0 else { continue }
                room -= 1
                let block = CorrelationIndex.block(ofSeq: seq), hash = CorrelationIndex.hash(id)
                insertBlockRow.bind(1, block)
                insertBlockRow.bind(2, hash)
                insertBlockRow.bind(3, seq)
                try insertBlockRow.run(db)
                // An older trace's superblock may be sealed already: its row learns the block too. (Rows of the
                // newest superblock are read only once it is sealed, and sealing merges into them.)
                if !isNewTrace {
                    mergeSuperblockRow.bind(1, CorrelationIndex.superblock(ofBlock: block))
                    mergeSuperblockRow.bind(2, hash)
                    mergeSuperblockRow.bind(3, Int64(1) << (block % CorrelationIndex.blocksPerSuperblock))
                    try mergeSuperblockRow.run(db)
                }
            }
        }
    }

    /// The sequence numbers of the traces that carry `id`, newest first.
    static func traceSeqs(carrying id: String, db: Database) throws -> [Int64] {
        guard let stored = try TraceSeqRange.fetch(db) else { return [] }
        var lookup = try Lookup(id: id, db: db)
        let oldestBlock = block(ofSeq: stored.lowerBound), newestBlock = block(ofSeq: stored.upperBound)
        // The newest superblock is not sealed yet: each of its blocks is probed.
        let open = superblock(ofBlock: newestBlock)
        var block = newestBlock
        while block >= max(oldestBlock, open * blocksPerSuperblock) && lookup.found.count < maxTraces {
            try lookup.probe(block: block)
            block -= 1
        }
        var superblock = open - 1
        while superblock >= Self.superblock(ofBlock: oldestBlock) && lookup.found.count < maxTraces {
            let bits = try lookup.blocks(ofSuperblock: superblock)
            for bit in stride(from: blocksPerSuperblock - 1, through: 0, by: -1) where bits & (Int64(1) << bit) != 0 {
                let block = superblock * blocksPerSuperblock + bit
                if block >= oldestBlock && lookup.found.count < maxTraces { try lookup.probe(block: block) }
            }
            superblock -= 1
        }
        return lookup.found
    }

    /// One id's probes: its superblock rows, its block rows, and the check of each candidate against the id.
    private struct Lookup {
        let id: String
        let hash: Int64
        let db: Database
        let superblockProbe: RawStatement
        let blockProbe: RawStatement
        let check: RawStatement
        var found: [Int64] = []

        init(id: String, db: Database) throws {
            self.id = id
            self.db = db
            hash = CorrelationIndex.hash(id)
            superblockProbe = RawStatement(
                try db.cachedStatement(sql: "SELECT blocks FROM correlation_superblocks WHERE superblock = ? AND id_hash = ?"))
            blockProbe = RawStatement(try db.cachedStatement(sql: "SELECT seq FROM correlation_blocks WHERE block = ? AND id_hash = ?"))
            check = RawStatement(
                try db.cachedStatement(
                    sql: "SELECT 1 FROM trace_correlation_ids WHERE seq = ? AND correlation_id = CAST(? AS TEXT)"))
        }

        func blocks(ofSuperblock superblock: Int64) throws -> Int64 {
            superblockProbe.bind(1, superblock)
            superblockProbe.bind(2, hash)
            defer { superblockProbe.reset() }
            return try superblockProbe.step(db) ? superblockProbe.int64(0) : 0
        }

        /// Adds the block's traces that carry the id, newest first.
        mutating func probe(block: Int64) throws {
            blockProbe.bind(1, block)
            blockProbe.bind(2, hash)
            var candidates: [Int64] = []
            while try blockProbe.step(db) { candidates.append(blockProbe.int64(0)) }
            blockProbe.reset()
            for seq in candidates.reversed() {
                check.bind(1, seq)
                check.bind(2, text: id)
                if try check.step(db) { found.append(seq) }
                check.reset()
            }
        }
    }

    /// A trace's ids, sorted (as bytes: an id may hold a NUL, where a C string would stop).
    static func ids(ofTrace seq: Int64, db: Database) throws -> [String] {
        try Data.fetchAll(
            db.cachedStatement(sql: "SELECT CAST(correlation_id AS BLOB) FROM trace_correlation_ids WHERE seq = ? ORDER BY correlation_id"),
            arguments: [seq]
        ).map(StoredText.string)
    }
}

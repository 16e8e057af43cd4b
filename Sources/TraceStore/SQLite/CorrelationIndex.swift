import Foundation
import GRDB

/// Correlation ids (request ids) of traces, in two tables that both grow at their right edge:
/// - `trace_correlation_ids` (seq, correlation_id): a trace's ids, keyed by its sequence number;
/// - `correlation_blocks` (block, id_hash, seq): for finding traces by id, grouped in blocks of
///   `tracesPerBlock` traces by sequence number.
///
/// A B-tree keyed by the id itself (random, one per request) put every new trace on a random page, and a second
/// index by trace another: about a third of the pages a commit wrote. Here a commit's rows land in the newest
/// block's few pages. A lookup probes each block (a few hundred at 10M spans, about a millisecond), then checks
/// the id itself in `trace_correlation_ids`, so a hash collision costs a probe, never a wrong answer.
enum CorrelationIndex {
    static let tracesPerBlock: Int64 = 2048
    /// Ids kept per trace: each is an index row, and a trace of thousands of spans could carry a distinct id on
    /// every span. Real traces carry one or a few (a request id, a correlation id, a retry's id).
    static let maxIDsPerTrace = 64
    /// Traces a lookup returns at most, newest first.
    static let maxTraces = 10_000

    static func block(ofSeq seq: Int64) -> Int64 { seq / tracesPerBlock }

    static func hash(_ id: String) -> Int64 { StoredHash.of(id) }

    /// The writer's side: adds an id to a trace (nothing if the trace has it or already has the most it keeps).
    struct Writer {
        private let countIDs: RawStatement
        private let insertID: RawStatement
        private let insertBlockRow: RawStatement

        init(db: Database) throws {
            countIDs = RawStatement(try db.cachedStatement(sql: "SELECT count(*) FROM trace_correlation_ids WHERE seq = ?"))
            insertID = RawStatement(
                try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO trace_correlation_ids (seq, correlation_id) VALUES (?, CAST(? AS TEXT))"))
            insertBlockRow = RawStatement(
                try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO correlation_blocks (block, id_hash, seq) VALUES (?, ?, ?)"))
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
                insertBlockRow.bind(1, CorrelationIndex.block(ofSeq: seq))
                insertBlockRow.bind(2, CorrelationIndex.hash(id))
                insertBlockRow.bind(3, seq)
                try insertBlockRow.run(db)
            }
        }
    }

    /// The sequence numbers of the traces that carry `id`, newest first.
    static func traceSeqs(carrying id: String, db: Database) throws -> [Int64] {
        guard let stored = try TraceSeqRange.fetch(db) else { return [] }
        let probe = RawStatement(try db.cachedStatement(sql: "SELECT seq FROM correlation_blocks WHERE block = ? AND id_hash = ?"))
        let check = RawStatement(
            try db.cachedStatement(
                sql: "SELECT 1 FROM trace_correlation_ids WHERE seq = ? AND correlation_id = CAST(? AS TEXT)"))
        let hash = Self.hash(id)
        var found: [Int64] = []
        var block = Self.block(ofSeq: stored.upperBound)
        while block >= Self.block(ofSeq: stored.lowerBound) && found.count < maxTraces {
            probe.bind(1, block)
            probe.bind(2, hash)
            var candidates: [Int64] = []
            while try probe.step(db) { candidates.append(probe.int64(0)) }
            probe.reset()
            for seq in candidates.reversed() {
                check.bind(1, seq)
                check.bind(2, text: id)
                if try check.step(db) { found.append(seq) }
                check.reset()
            }
            block -= 1
        }
        return found
    }

    /// A trace's ids, sorted (as bytes: an id may hold a NUL, where a C string would stop).
    static func ids(ofTrace seq: Int64, db: Database) throws -> [String] {
        try Data.fetchAll(
            db.cachedStatement(sql: "SELECT CAST(correlation_id AS BLOB) FROM trace_correlation_ids WHERE seq = ? ORDER BY correlation_id"),
            arguments: [seq]
        ).map(StoredText.string)
    }
}

import Foundation
import GRDB

/// Latency counts committed but not yet merged into `latency_minutes` and `latency_hours`.
///
/// Merging every commit's counts into the stored histograms rewrote a row per operation and minute and another
/// per operation and hour (over a hundred for the demo's traffic), and with commits of a few requests that took
/// ~18 % of the writer's time. Now each commit appends its counts as one `latency_pending` row, durable with the
/// commit (an acknowledged span is never missing from the percentiles, crash or not); the writer keeps their sum
/// in memory and every `foldEvery` commits merges that sum into the tables at once and deletes the rows. Queries
/// read the pending rows as well.
struct PendingLatency {
    /// Commits between merges: the merge's cost is spread over this many, and a query reads at most this many
    /// small pending rows.
    static let foldEvery = 64
    /// Commits of spans from many minutes (a backfill) merge sooner: a query decodes every pending byte.
    static let foldBytes = 256 << 10

    private(set) var counts: [LatencyKey: LatencyCounts] = [:]
    private(set) var rows = 0
    private(set) var bytes = 0

    var isDue: Bool { rows >= Self.foldEvery || bytes >= Self.foldBytes }

    /// What the table holds (after a restart, or after a failed commit reset the writer's state).
    static func load(_ db: Database) throws -> PendingLatency {
        var pending = PendingLatency()
        for entry in try entries(db) {
            pending.counts[entry.key, default: LatencyCounts()]
                .merge(try LatencyCounts(encoded: entry.histogram, count: entry.count, errorCount: entry.errorCount))
        }
        let size = try Row.fetchOne(db, sql: "SELECT count(*), total(length(body)) FROM latency_pending")
        pending.rows = size?[0] ?? 0
        pending.bytes = Int(size?[1] as Double? ?? 0)
        return pending
    }

    /// Appends a commit's counts.
    mutating func append(_ batch: [LatencyKey: LatencyCounts], db: Database) throws {
        guard !batch.isEmpty else { return }
        var writer = BinaryWriter(capacity: batch.count * 32)
        writer.writeVarint(UInt64(batch.count))
        for (key, latency) in batch {
            writer.writeSigned(key.minute)
            writer.writeSigned(key.operationID)
            writer.writeVarint(UInt64(latency.count))
            writer.writeVarint(UInt64(latency.errorCount))
            writer.writeBytes(latency.encoded())
            counts[key, default: LatencyCounts()].merge(latency)
        }
        let insert = RawStatement(try db.cachedStatement(sql: "INSERT INTO latency_pending (body) VALUES (?)"))
        insert.bind(1, bytes: writer.bytes)
        try insert.run(db)
        rows += 1
        bytes += writer.bytes.count
    }

    /// Merges the sum into `latency_minutes` and the hourly roll-up the day-long queries read, and empties the
    /// table, in the caller's transaction.
    mutating func fold(_ db: Database) throws {
        var hours: [LatencyKey: LatencyCounts] = [:]
        for (key, histogram) in counts {
            hours[LatencyKey(operationID: key.operationID, minute: key.minute / 60), default: LatencyCounts()].merge(histogram)
        }
        try Self.merge(counts, table: "latency_minutes", column: "minute", db: db)
        try Self.merge(hours, table: "latency_hours", column: "hour", db: db)
        try db.execute(sql: "DELETE FROM latency_pending")
        self = PendingLatency()
    }

    /// `key.minute` holds the table's time unit (minutes or hours). Bound through SQLite's C API: GRDB's boxed
    /// arguments and rows were most of a merge's cost, and a merge of a busy minute's commits touches hundreds of rows.
    private static func merge(_ latency: [LatencyKey: LatencyCounts], table: String, column: String, db: Database) throws {
        let select = RawStatement(
            try db.cachedStatement(sql: "SELECT count, error_count, histogram FROM \(table) WHERE operation_id = ? AND \(column) = ?"))
        let upsert = RawStatement(
            try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO \(table) (operation_id, \(column), count, error_count, histogram) VALUES (?, ?, ?, ?, ?)"))
        for (key, fresh) in latency {
            select.bind(1, key.operationID)
            select.bind(2, key.minute)
            var count = Int64(fresh.count), errorCount = Int64(fresh.errorCount)
            let histogram: [UInt8]
            if try select.step(db) {
                count += select.int64(0)
                errorCount += select.int64(1)
                histogram = try fresh.encoded(mergingStored: select.blob(2))
            } else {
                histogram = fresh.encoded()
            }
            select.reset()
            upsert.bind(1, key.operationID)
            upsert.bind(2, key.minute)
            upsert.bind(3, count)
            upsert.bind(4, errorCount)
            upsert.bind(5, bytes: histogram)
            try upsert.run(db)
        }
    }

    struct Entry {
        var key: LatencyKey
        var count: Int
        var errorCount: Int
        /// `LatencyCounts.encoded()`, the stored histograms' form.
        var histogram: [UInt8]
    }

    /// Every pending commit's counts, for queries.
    static func entries(_ db: Database) throws -> [Entry] {
        var entries: [Entry] = []
        let statement = RawStatement(try db.cachedStatement(sql: "SELECT body FROM latency_pending"))
        defer { statement.reset() }
        while try statement.step(db) {
            var reader = BinaryReader(statement.blob(0))
            for _ in 0..<(try reader.readLength()) {
                let minute = try reader.readSigned(), operationID = try reader.readSigned()
                let count = Int(try reader.readVarint()), errorCount = Int(try reader.readVarint())
                entries.append(
                    Entry(
                        key: LatencyKey(operationID: operationID, minute: minute), count: count,
                        errorCount: errorCount, histogram: try reader.readBytes()))
            }
        }
        return entries
    }
}

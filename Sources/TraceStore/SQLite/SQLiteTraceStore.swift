import GRDB
import TraceModel
import Foundation
import Synchronization

/// The SQLite backend: one file, WAL, one writer (group commits come from the collector's writer) and a pool of readers.
package final class SQLiteTraceStore: TraceStore {
    let pool: DatabasePool
    let path: String
    /// Interned ids, only ever touched inside `pool.write` (which GRDB serialises); the mutex makes that checkable.
    let interned = Mutex(InternTables())
    /// The string dictionary as readers know it, and as writing knows it (see `StringDictionary`).
    let dictionary = DictionaryCache()
    let strings = SharedStringInterner()
    /// Interned rows as readers decoded them (see `CatalogCache`).
    let catalogCache = CatalogCache()

    /// Attribute keys the tag-search index covers (see `AttributeIndex`).
    let indexedAttributeKeys: AttributeKeySet

    /// Opens (creating if missing, mode 0600) and migrates the database at `path`. `indexedAttributes` are
    /// the attribute keys tag searches find through the index; other keys are found by reading spans. `log`
    /// bounds the write-ahead log beside the file.
    package init(
        path: String, indexedAttributes: [String] = AttributeIndexPolicy.defaultKeys, log: WriteAheadLog = WriteAheadLog()
    ) throws {
        self.path = path
        self.indexedAttributeKeys = AttributeKeySet(indexedAttributes)
        try Self.createPrivately(path)
        var configuration = Configuration()
        configuration.label = "tracetop"
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Before the first table (and before WAL is switched on), so a new file can give free pages back
            // in steps (retention's incremental_vacuum). A no-op on files created without it.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL") }
            // FULL: a commit that returned has reached the disk, so an acknowledged request survives a power cut too.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -\(db.configuration.readonly ? PageCache.readerKiB : PageCache.writerKiB)")
            if !db.configuration.readonly { try log.configureWriter(db) }
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(pool)
        try pool.read { [strings] db in try strings.load(db) }
        try pool.write { [indexedAttributeKeys] db in try AttributeIndexKeys.synchronize(indexedAttributeKeys.all, db: db) }
    }

    /// The database holds every span of every service: nobody else on the machine should read it.
    private static func createPrivately(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let descriptor = open(path, O_CREAT | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            throw StoreError("cannot create the database file \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
    }

    package func write(_ batches: [PreparedWrite]) async throws {
        guard batches.contains(where: { !$0.batch.isEmpty }) else { return }
        do {
            strings.committed(through: try await pool.write { db in try self.writeTransaction(batches, db: db) })
        } catch {
            forgetUncommittedIDs()
            throw error
        }
    }

    package func writeBlocking(_ batches: [PreparedWrite]) throws {
        guard batches.contains(where: { !$0.batch.isEmpty }) else { return }
        do {
            strings.committed(through: try pool.write { db in try self.writeTransaction(batches, db: db) })
        } catch {
            forgetUncommittedIDs()
            throw error
        }
    }

    /// Returns the last dictionary string id the transaction inserted.
    private func writeTransaction(_ batches: [PreparedWrite], db: Database) throws -> UInt64 {
        try interned.withLock { tables in
            // The tables move into the writer and back: a copy left behind here made the writer's first change
            // to each of them copy it whole, every commit.
            var writer = BatchWriter(db: db, interned: InternTables(), preparer: preparer)
            swap(&writer.interned, &tables)
            defer { swap(&writer.interned, &tables) }
            return try writer.write(batches)
        }
    }

    /// The commit itself can fail after the batch was written (a full disk): the ids the batch gave out were
    /// rolled back with it, so the caches start again from the tables.
    private func forgetUncommittedIDs() {
        interned.withLock { $0 = InternTables() }
    }

    package func statistics() async throws -> StoreStatistics {
        let counts = try await pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT sum(span_count) FROM traces") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM traces") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM logs") ?? 0
            )
        }
        let fileBytes = [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
        return StoreStatistics(spanCount: counts.0, traceCount: counts.1, logCount: counts.2, fileBytes: fileBytes)
    }

    /// Runs `PRAGMA integrity_check` (the crash tests use it).
    package func integrityCheck() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}

package struct StoreError: Error, CustomStringConvertible, Sendable {
    package var description: String
    package init(_ description: String) { self.description = description }
}

/// Name → id caches for the interned tables.
struct InternTables {
    var services: [String: Int64] = [:]
    var operations: [OperationKey: Int64] = [:]
    var resources: [[UInt8]: Int64] = [:]
    var scopes: [[UInt8]: Int64] = [:]
    /// The next `traces.seq`, read from the table at the first write.
    var nextTraceSeq: Int64?
    /// The sum of `latency_pending`, read from the table at the first write.
    var pendingLatency: PendingLatency?
    /// The dictionary new chunks are compressed with, read from the file at the first write (see `ChunkCompression`).
    var chunkCompression: ChunkCompression?

    struct OperationKey: Hashable {
        var serviceID: Int64
        var name: String
        var kind: Int32
    }

    /// Resources and scopes are few, but a hostile client could send endless distinct ones: the caches are
    /// cleared past this size (the tables stay correct; only lookups get slower).
    static let maxEntries = 10_000
}

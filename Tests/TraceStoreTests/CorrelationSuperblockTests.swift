import Foundation
import GRDB
import Testing
import TraceModel
import TraceStore

/// Correlation lookups over more than one superblock (131,072 traces): sealed superblocks are read through their
/// one row per id, the newest through its blocks; an id added to an old trace later, a file from before v8, and
/// retention all leave the answers as they were.
@Suite struct CorrelationSuperblockTests {
    /// Two sealed superblocks and part of a third.
    static let traceCount: UInt64 = 2 * 131_072 + 3_000

    /// One root span per trace in commits of 4,096. Every trace has its own id; every 50,000th also "session-7".
    private static func store() async throws -> (SQLiteTraceStore, TemporaryDatabase) {
        let file = try TemporaryDatabase()
        let store = try SQLiteTraceStore(path: file.path)
        for first in stride(from: UInt64(1), through: traceCount, by: 4_096) {
            let last = min(first + 4_095, traceCount)
            try await store.write(
                WriteBatch(
                    spans: (first...last).map { n in
                        Make.record(
                            Make.span(trace: n, id: 1, startMs: n), correlation: n % 50_000 == 0 ? ["req-\(n)", "session-7"] : ["req-\(n)"])
                    }))
        }
        return (store, file)
    }

    private static func traces(_ store: SQLiteTraceStore, _ id: String) async throws -> [TraceID] {
        try await store.traceSummaries(TraceQuery(correlationID: id, limit: 100)).map(\.traceID)
    }

    @Test func idsAreFoundInSealedAndOpenSuperblocks() async throws {
        let (store, file) = try await Self.store()
        defer { file.remove() }
        let sessions: [UInt64] = [250_000, 200_000, 150_000, 100_000, 50_000]
        #expect(try await Self.traces(store, "session-7") == sessions.map(Make.traceID))
        for n: UInt64 in [1, 2_047, 2_048, 131_071, 131_072, 262_143, 262_144, Self.traceCount] {
            #expect(try await Self.traces(store, "req-\(n)") == [Make.traceID(n)])
        }
        #expect(try await Self.traces(store, "req-0").isEmpty)
        let rows = try await DatabaseQueue(path: file.path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM correlation_superblocks WHERE superblock IN (0, 1)")
        }
        // One per id of the two sealed superblocks (traces 1…262,143), "session-7" once in each.
        #expect(rows == 262_143 + 2)

        // An id added later to a trace of a sealed superblock is found too.
        try await store.write(
            WriteBatch(spans: [Make.record(Make.span(trace: 70_000, id: 2, parent: 1, startMs: 70_000), correlation: ["late"])]))
        #expect(try await Self.traces(store, "late") == [Make.traceID(70_000)])
        try await store.write(
            WriteBatch(spans: [Make.record(Make.span(trace: 80_000, id: 2, parent: 1, startMs: 80_000), correlation: ["late"])]))
        #expect(try await Self.traces(store, "late") == [80_000, 70_000].map(Make.traceID))
    }

    /// A file written before v8 (its superblock table dropped and its migration unrecorded) is sealed when opened.
    @Test func aFileFromBeforeTheSuperblocksIsSealedWhenOpened() async throws {
        let (store, file) = try await Self.store()
        defer { file.remove() }
        let before = try await Self.traces(store, "session-7")
        _ = store
        try await DatabaseQueue(path: file.path).write { db in
            try db.execute(
                sql: """
                    DROP TABLE correlation_superblocks;
                    DELETE FROM grdb_migrations WHERE identifier = 'v8 correlation superblocks';
                    """)
        }
        let reopened = try SQLiteTraceStore(path: file.path)
        #expect(try await Self.traces(reopened, "session-7") == before)
        #expect(try await Self.traces(reopened, "req-131071") == [Make.traceID(131_071)])
    }

    /// Retention drops the superblock rows with their last trace; what is left is still found.
    @Test func retentionKeepsWhatIsLeftFindable() async throws {
        let (store, file) = try await Self.store()
        defer { file.remove() }
        while try await store.deleteOldest(before: Make.base + 140_000 * 1_000_000, within: DeletionLimits(rows: 20_000)).rows > 0 {}
        #expect(try await Self.traces(store, "session-7") == [250_000, 200_000, 150_000].map(Make.traceID))
        #expect(try await Self.traces(store, "req-139999").isEmpty)
        #expect(try await Self.traces(store, "req-140000") == [Make.traceID(140_000)])
        let sealedRows = try await DatabaseQueue(path: file.path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM correlation_superblocks WHERE superblock = 0")
        }
        #expect(sealedRows == 0)
    }
}

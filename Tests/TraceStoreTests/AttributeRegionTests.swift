import Foundation
import GRDB
import Testing
import TraceModel
import TraceStore

/// Tag searches over more than one region of the tag index (131,072 traces): sealed regions are read through their
/// one row per pair, the newest through its superblocks; a pair added to an old trace later, a file from before
/// v11, retention, and a value too common for the index all leave the answers as they were.
@Suite struct AttributeRegionTests {
    /// Two sealed regions and part of a third.
    static let traceCount: UInt64 = 2 * 131_072 + 3_000
    static let status = "http.response.status_code"
    /// The traces with status 500; every other one has 200.
    static let failed: [UInt64] = [250_000, 200_000, 150_000, 100_000, 50_000]

    /// One root span per trace in commits of 4,096.
    private static func store() async throws -> (SQLiteTraceStore, TemporaryDatabase) {
        let file = try TemporaryDatabase()
        let store = try SQLiteTraceStore(path: file.path)
        for first in stride(from: UInt64(1), through: traceCount, by: 4_096) {
            let last = min(first + 4_095, traceCount)
            try await store.write(
                WriteBatch(
                    spans: (first...last).map { n in
                        Make.record(
                            Make.span(trace: n, id: 1, startMs: n, attributes: [KeyValue(status, .int(n % 50_000 == 0 ? 500 : 200))]))
                    }))
        }
        return (store, file)
    }

    private static func traces(_ store: SQLiteTraceStore, _ value: String, limit: Int = 100) async throws -> [TraceID] {
        try await store.traceSummaries(TraceQuery(tags: [status: value], limit: limit)).map(\.traceID)
    }

    /// The region rows of a pair, by region.
    private static func regionRows(_ file: TemporaryDatabase, value: String) async throws -> [Int64: Int64] {
        let rows = try DatabaseQueue(path: file.path).read { db in
            try Row.fetchAll(
                db, sql: "SELECT region, superblocks FROM attribute_regions WHERE pair_hash = ?",
                arguments: [AttributeIndexPolicy.pairHash(key: status, value: value)])
        }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as Int64) })
    }

    /// The region rows `traces` should give a pair: a bit per superblock (2,048 traces by sequence number, which
    /// follows arrival; within one commit the order of its traces is the writer's) for each trace in a sealed
    /// region, that is, below the newest trace's region.
    private static func expectedRegionRows(_ file: TemporaryDatabase, traces: [UInt64]) async throws -> [Int64: Int64] {
        try await DatabaseQueue(path: file.path).read { db in
            let newest = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM traces")!
            var rows: [Int64: Int64] = [:]
            for trace in traces {
                let seq = try Int64.fetchOne(
                    db, sql: "SELECT seq FROM traces WHERE hex(trace_id) = upper(?)", arguments: [Make.traceID(trace).hex])!
                let superblock = seq / 2_048, region = seq / (2_048 * 64)
                if region < newest / (2_048 * 64) { rows[region, default: 0] |= 1 << (superblock % 64) }
            }
            return rows
        }
    }

    @Test func rareValuesAreFoundInSealedAndOpenRegions() async throws {
        let (store, file) = try await Self.store()
        defer { file.remove() }
        #expect(try await Self.traces(store, "500") == Self.failed.map(Make.traceID))
        #expect(try await Self.traces(store, "418").isEmpty)
        // Regions of 131,072 traces: 50,000 and 100,000 are in region 0, the others in region 1; region 2 is open.
        let expected = try await Self.expectedRegionRows(file, traces: Self.failed)
        #expect(expected.mapValues(\.nonzeroBitCount) == [0: 2, 1: 3])
        #expect(try await Self.regionRows(file, value: "500") == expected)

        // A pair added later to a trace of a sealed region is found too.
        try await store.write(
            WriteBatch(spans: [
                Make.record(Make.span(trace: 70_000, id: 2, parent: 1, startMs: 70_000, attributes: [KeyValue(Self.status, .int(418))]))
            ]))
        #expect(try await Self.traces(store, "418") == [Make.traceID(70_000)])
        #expect(try await Self.regionRows(file, value: "418") == (try await Self.expectedRegionRows(file, traces: [70_000])))
    }

    /// A value on more traces than the index's candidate bound is searched by walking the traces, newest first.
    @Test func aCommonValueFindsTheNewestTraces() async throws {
        let (store, file) = try await Self.store()
        defer { file.remove() }
        let newest = Array((Self.traceCount - 2)...Self.traceCount).reversed()
        #expect(try await Self.traces(store, "200", limit: 3) == newest.map(Make.traceID))
    }

    /// A file written before v11 (its region table dropped and its migration unrecorded) is sealed when opened.
    @Test func aFileFromBeforeTheRegionsIsSealedWhenOpened() async throws {
        let (store, file) = try await Self.store()
        defer { file.remove() }
        _ = store
        try await DatabaseQueue(path: file.path).write { db in
            try db.execute(
                sql: """
                    DROP TABLE attribute_regions;
                    DELETE FROM grdb_migrations WHERE identifier = 'v11 attribute regions';
                    """)
        }
        let reopened = try SQLiteTraceStore(path: file.path)
        #expect(try await Self.traces(reopened, "500") == Self.failed.map(Make.traceID))
        #expect(try await Self.regionRows(file, value: "500") == (try await Self.expectedRegionRows(file, traces: Self.failed)))
    }

    /// Retention drops the region rows with their last trace; what is left is still found.
    @Test func retentionKeepsWhatIsLeftFindable() async throws {
        let (store, file) = try await Self.store()
        defer { file.remove() }
        while try await store.deleteOldest(before: Make.base + 140_000 * 1_000_000, within: DeletionLimits(rows: 20_000)).rows > 0 {}
        #expect(try await Self.traces(store, "500") == Self.failed.prefix(3).map(Make.traceID))
        let left = try await Self.expectedRegionRows(file, traces: Array(Self.failed.prefix(3)))
        #expect(left.keys.sorted() == [1])
        #expect(try await Self.regionRows(file, value: "500") == left)
    }
}

import Foundation
import Testing
import TraceModel
import TraceStore

/// What is particular to the SQLite backend: the file itself.
@Suite struct SQLiteTraceStoreTests {
    @Test func databaseFileIsPrivateAndSurvivesReopen() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-reopen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nested.db").path
        do {
            let store = try SQLiteTraceStore(path: path)
            try await store.write(WriteBatch(spans: [Make.record(Make.span(trace: 1, id: 1))], logs: [Make.log("hello")]))
        }
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let reopened = try SQLiteTraceStore(path: path)
        let statistics = try await reopened.statistics()
        #expect(statistics.spanCount == 1)
        #expect(statistics.logCount == 1)
        #expect(try await reopened.integrityCheck() == "ok")
    }

    @Test func unwritableLocationGivesAClearError() throws {
        #expect {
            _ = try SQLiteTraceStore(path: "/nonexistent-dir/x/tracetop.db")
        } throws: { error in
            "\(error)".contains("/nonexistent-dir/x/tracetop.db")
        }
    }

    /// The writer lets the log grow to its configured size (past SQLite's 4 MB default, so a page several
    /// commits touch is copied once) and no further: the commit that reaches it checkpoints.
    @Test func writeAheadLogGrowsToItsBoundAndNoFurther() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("wal.db").path
        let bound = 12 << 20
        let store = try SQLiteTraceStore(path: path, log: WriteAheadLog(maxBytes: bound))
        // 50 commits of ~1 MB: 100 spans with 10 kB of unrepeated attribute text each.
        let batchBytes = 100 * 10_000
        var largestLog = 0
        for commit in 0..<50 {
            let spans = (0..<100).map { index -> SpanRecord in
                let n = UInt64(commit * 100 + index)
                let text = String(repeating: String(n, radix: 36) + "-", count: 10_000 / 8).prefix(10_000)
                return Make.record(Make.span(trace: n, id: n, attributes: [KeyValue("payload", .string(String(text)))]))
            }
            try await store.write(WriteBatch(spans: spans, logs: []))
            let log = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            largestLog = max(largestLog, log)
        }
        #expect(largestLog > 6 << 20, "the log never grew past SQLite's default checkpoint size: \(largestLog) bytes")
        #expect(largestLog <= bound + 2 * batchBytes, "the log grew to \(largestLog) bytes, over its bound \(bound)")
        #expect(try await store.statistics().spanCount == 5_000)
        #expect(try await store.integrityCheck() == "ok")
    }

    @Test func aSizeLimitedDatabaseKeepsItsLogSmall() {
        #expect(WriteAheadLog.within(maxDatabaseBytes: nil).maxBytes == WriteAheadLog.defaultMaxBytes)
        #expect(WriteAheadLog.within(maxDatabaseBytes: 80 << 20).maxBytes == 10 << 20)
        #expect(WriteAheadLog.within(maxDatabaseBytes: 100 << 30).maxBytes == WriteAheadLog.defaultMaxBytes)
    }
}

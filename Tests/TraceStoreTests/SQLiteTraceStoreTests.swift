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

    /// Each commit's latency counts are a pending row until the writer merges dozens of them into the histogram
    /// tables: a store reopened between merges must neither lose nor double them.
    @Test func latencyCountsSurviveARestartBetweenMerges() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-pending-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SplitMix(seed: 5)
        let spans = (0..<2000).map { n -> SpanRecord in
            var span = Make.span(trace: UInt64(n + 1), id: 1, name: n % 2 == 0 ? "a" : "b", startMs: UInt64(n) * 40)
            span.endTimeUnixNano = span.startTimeUnixNano + (generator.next() % 2_000_000) * 1000
            return Make.record(span, service: "svc")
        }
        let query = LatencyQuery(fromNanos: Make.base, toNanos: Make.base + 100_000_000_000, stepNanos: 60_000_000_000)
        let whole = try SQLiteTraceStore(path: directory.appendingPathComponent("whole.db").path)
        try await whole.write(WriteBatch(spans: spans))
        let expected = try await whole.latency(query)
        #expect(expected.map(\.figures.count) == [1000, 1000])

        // 200 commits of 10 spans, the store reopened after 30 (pending), 64 (just merged) and 90.
        let path = directory.appendingPathComponent("pieces.db").path
        var store = try SQLiteTraceStore(path: path)
        for commit in 0..<200 {
            if [30, 64, 90].contains(commit) {
                store = try SQLiteTraceStore(path: path)
                #expect(try await store.latency(query).map(\.figures.count).reduce(0, +) == commit * 10, "after \(commit) commits")
            }
            try await store.write(WriteBatch(spans: Array(spans[(commit * 10)..<(commit * 10 + 10)])))
        }
        #expect(try await store.latency(query) == expected)
    }

    @Test func aSizeLimitedDatabaseKeepsItsLogSmall() {
        #expect(WriteAheadLog.within(maxDatabaseBytes: nil).maxBytes == WriteAheadLog.defaultMaxBytes)
        #expect(WriteAheadLog.within(maxDatabaseBytes: 80 << 20).maxBytes == 10 << 20)
        #expect(WriteAheadLog.within(maxDatabaseBytes: 100 << 30).maxBytes == WriteAheadLog.defaultMaxBytes)
    }
}

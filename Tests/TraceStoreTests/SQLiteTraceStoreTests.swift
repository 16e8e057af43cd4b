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
}

import Foundation
import Testing
import TraceModel
import TraceStore

/// `tracetop-collector --zipkin-listen`: the executable opens Zipkin's port beside the main one; a value it cannot
/// use is refused with a sentence naming the flag; `--help` lists it; kill -9 during Zipkin ingest loses nothing
/// that was acknowledged (a 202 means committed).
@Suite struct ZipkinPortFlagTests {
    @Test func theExecutableServesZipkinOnTheGivenPort() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-zipkin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zipkinPort = try FreePort.find()
        let collector = try await offThePool {
            try CollectorProcess(
                databasePath: directory.appendingPathComponent("zipkin.db").path,
                extraArguments: ["--zipkin-listen", "127.0.0.1:\(zipkinPort)"])
        }
        var answer: HTTPExchange?
        for _ in 0..<50 where answer == nil {
            answer = try? await ZipkinBodies.post("http://127.0.0.1:\(zipkinPort)/api/v2/spans", ZipkinBodies.list(ZipkinBodies.span()))
            if answer == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(answer?.status == 202)
        #expect(try await QueriedSpan.trace(collector.base, ZipkinBodies.traceID).count == 1)
        #expect(try await offThePool { collector.terminate() } == 0)
    }

    /// Concurrent requests to the Zipkin port, kill -9 after half of them were answered: every 202 is stored.
    @Test func killNineDuringZipkinIngestLosesNothingAcknowledged() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-zipkin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("zipkin.db").path
        let zipkinPort = try FreePort.find()
        let collector = try await offThePool {
            try CollectorProcess(databasePath: path, extraArguments: ["--zipkin-listen", "127.0.0.1:\(zipkinPort)"])
        }
        func traceHex(_ n: Int) -> String { String(repeating: "0", count: 24) + String(format: "%08x", n + 1) }
        _ = try? await ZipkinBodies.post("http://127.0.0.1:\(zipkinPort)/api/v2/spans", Data("[]".utf8))  // it is up
        let answers = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for n in 0..<40 {
                let body = ZipkinBodies.list(
                    (1...5).map { ZipkinBodies.span(id: String(format: "%016x", $0), traceID: traceHex(n)) }.joined(separator: ","))
                group.addTask { (n, (try? await ZipkinBodies.post("http://127.0.0.1:\(zipkinPort)/api/v2/spans", body).status) ?? 0) }
            }
            var answers: [(Int, Int)] = []
            for try await answer in group {
                answers.append(answer)
                if answers.count == 20 { collector.kill9() }  // mid-stream: some requests never get an answer
            }
            return answers
        }
        let acknowledged = answers.filter { $0.1 == 202 }.map(\.0)
        #expect(acknowledged.count >= 20)
        let store = try SQLiteTraceStore(path: path)
        for n in acknowledged {
            #expect(try await store.trace(try #require(TraceID(hex: traceHex(n)))).count == 5, "acknowledged request \(n) lost")
        }
    }

    @Test func anUnusableValueIsRefusedAndHelpListsTheFlag() async throws {
        let (status, text) = try await CollectorProcess.runToExit(["--db", "/nonexistent/never.db", "--zipkin-listen", "9411"])
        #expect(status != 0)
        #expect(text.contains("--zipkin-listen must be host:port (for example 127.0.0.1:9411) or off, got '9411'"), "\(text)")
        let help = try await CollectorProcess.runToExit(["--help"])
        #expect(help.output.contains("--zipkin-listen <host:port>"))
    }
}

import Foundation
import Testing

/// `tracetop-collector --zipkin-listen`: the executable opens Zipkin's port beside the main one; a value it cannot
/// use is refused with a sentence naming the flag; `--help` lists it.
@Suite struct ZipkinPortFlagTests {
    @Test func theExecutableServesZipkinOnTheGivenPort() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-zipkin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zipkinPort = try FreePort.find()
        let collector = try await offThePool {
            try CollectorProcess(
                databasePath: directory.appendingPathComponent("zipkin.db").path, extraArguments: ["--zipkin-listen", "127.0.0.1:\(zipkinPort)"])
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

    @Test func anUnusableValueIsRefusedAndHelpListsTheFlag() async throws {
        let (status, text) = try await CollectorProcess.runToExit(["--db", "/nonexistent/never.db", "--zipkin-listen", "9411"])
        #expect(status != 0)
        #expect(text.contains("--zipkin-listen must be host:port (for example 127.0.0.1:9411) or off, got '9411'"), "\(text)")
        let help = try await CollectorProcess.runToExit(["--help"])
        #expect(help.output.contains("--zipkin-listen <host:port>"))
    }
}

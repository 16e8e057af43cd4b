import Foundation
import Testing

/// The executable's security and retention flags: a token read from a file guards both sides, and flag
/// values it cannot use are refused with a sentence that names the flag.
@Suite(.serialized) struct SecurityFlagsTests {
    @Test func authTokenFileGuardsIngestAndQueries() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-flags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("token").path
        try "s3cret-from-file\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let collector = try await offThePool {
            try CollectorProcess(
                databasePath: directory.appendingPathComponent("flags.db").path,
                extraArguments: ["--auth-token-file", tokenFile, "--retention", "72h", "--max-db-size", "500MB", "--max-log-size", "8MB"])
        }
        #expect(try await HTTP.get(collector.base + "/api/services").status == 401)
        #expect(
            try await HTTP.send("GET", collector.base + "/api/services", headers: ["Authorization": "Bearer s3cret-from-file"]).status
                == 200)
        #expect(try await HTTP.post(collector.base + "/v1/traces", json: Data("{}".utf8)).status == 401)
        #expect(
            try await HTTP.post(collector.base + "/v1/traces", json: Data("{}".utf8), headers: ["Authorization": "Bearer s3cret-from-file"])
                .status == 200)
        #expect(try await offThePool { collector.terminate() } == 0)
    }

    @Test(arguments: [
        (["--retention", "soon"], "--retention must be a duration"),
        (["--max-db-size", "10 bananas"], "--max-db-size must be a size"),
        (["--tls-cert", "/nonexistent.pem"], "--tls-cert and --tls-key go together"),
        (["--auth-token-file", "/nonexistent/token"], "--auth-token-file: cannot read"),
        (["--auth-token", "a", "--auth-token-file", "/etc/hostname"], "not both"),
        (["--body-timeout", "0"], "--body-timeout must be a positive number"),
        (["--max-log-size", "off"], "--max-log-size must be a size"),
        (["--max-log-size", "12 parsecs"], "--max-log-size must be a size")
    ])
    func unusableFlagsAreRefusedClearly(arguments: [String], message: String) async throws {
        let (status, text) = try await CollectorProcess.runToExit(["--db", "/nonexistent/never-created.db"] + arguments)
        #expect(status != 0)
        #expect(text.contains(message), "\(text)")
    }
}

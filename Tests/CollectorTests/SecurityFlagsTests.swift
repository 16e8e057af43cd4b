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

    /// Every setting read from the environment goes through its flag's parser: a value the flag would refuse is
    /// refused with the flag's message, naming the variable, instead of quietly becoming the default.
    @Test(arguments: [
        ("TRACETOP_BODY_TIMEOUT", "--body-timeout", "abc", "--body-timeout must be a positive number of seconds, got 'abc'"),
        ("TRACETOP_IDLE_TIMEOUT", "--idle-timeout", "0", "--idle-timeout must be a positive number of seconds, got '0'"),
        ("TRACETOP_MAX_CONNECTIONS", "--max-connections", "lots", "--max-connections must be a positive number, got 'lots'"),
        ("TRACETOP_MAX_BODY_BYTES", "--max-body-bytes", "-5", "--max-body-bytes must be a positive number of bytes, got '-5'"),
        ("TRACETOP_MAX_QUEUE_BYTES", "--max-queue-bytes", "1GB", "--max-queue-bytes must be a positive number of bytes, got '1GB'"),
        ("TRACETOP_RETENTION", "--retention", "soon", "--retention must be a duration"),
        ("TRACETOP_MAX_DB_SIZE", "--max-db-size", "huge", "--max-db-size must be a size"),
        ("TRACETOP_MAX_LOG_SIZE", "--max-log-size", "off", "--max-log-size must be a size"),
        ("TRACETOP_LOG_LEVEL", "--log-level", "loud", "--log-level must be one of"),
        ("TRACETOP_LISTEN", "--listen", "nowhere", "--listen must be host:port"),
        ("TRACETOP_GRPC_LISTEN", "--grpc-listen", "4317", "--grpc-listen must be host:port")
    ])
    func environmentValuesAreRefusedLikeFlags(variable: String, flag: String, value: String, message: String) async throws {
        let database = ["--db", "/nonexistent/never-created.db"]
        let byFlag = try await CollectorProcess.runToExit(database + ["\(flag)=\(value)"])
        #expect(byFlag.status != 0)
        #expect(byFlag.output.contains(message), "\(byFlag.output)")
        let byVariable = try await CollectorProcess.runToExit(database, environment: [variable: value])
        #expect(byVariable.status != 0)
        #expect(byVariable.output.contains(message), "\(byVariable.output)")
        #expect(byVariable.output.contains("(from \(variable))"), "\(byVariable.output)")
    }
}

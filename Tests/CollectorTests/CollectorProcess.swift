import Foundation

/// The real `tracetop-collector` executable as a child process, for tests that kill or signal it.
final class CollectorProcess: @unchecked Sendable {
    /// The child (started with posix_spawn: see `SpawnedProcess`).
    let process: SpawnedProcess
    let port: Int
    /// OTLP/gRPC's port (also a free one).
    let grpcPort: Int

    /// The executable built beside the test bundle (`swift build --build-tests` builds both).
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tracetop-collector")
    }

    /// Starts it on free ports (HTTP and gRPC) and waits for its two "listening" lines.
    init(databasePath: String, extraArguments: [String] = []) throws {
        process = try SpawnedProcess(
            Self.executable.path,
            ["--listen", "127.0.0.1:0", "--grpc-listen", "127.0.0.1:0", "--db", databasePath] + extraArguments, errorsToOutput: true)
        try? process.input.close()
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let chunk = process.output.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"address=127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                let grpcRange = seen.range(of: #"grpc=127\.0\.0\.1:(\d+)"#, options: .regularExpression)
            {
                port = Int(seen[range].split(separator: ":").last!)!
                grpcPort = Int(seen[grpcRange].split(separator: ":").last!)!
                return
            }
        }
        kill(process.pid, SIGTERM)
        process.waitForExit()
        throw StoreError("the collector did not start: \(seen)")
    }

    var base: String { "http://127.0.0.1:\(port)" }
    var grpcEndpoint: String { "http://127.0.0.1:\(grpcPort)" }

    /// Runs the executable with `arguments` until it exits (for flags it must refuse): its status and everything it printed.
    /// `environment` is added to this process's own.
    static func runToExit(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        let child = try SpawnedProcess(executable.path, arguments, environment: environment, errorsToOutput: true)
        try? child.input.close()
        let text = try await offThePool { String(decoding: child.output.readDataToEndOfFile(), as: UTF8.self) }
        return (child.waitForExit(), text)
    }

    func kill9() {
        kill(process.pid, SIGKILL)
        process.waitForExit()
    }

    /// Sends SIGTERM and returns the exit status.
    func terminate() -> Int32 {
        kill(process.pid, SIGTERM)
        return process.waitForExit()
    }

    deinit {
        if process.isRunning {
            kill(process.pid, SIGKILL)
            process.waitForExit()
        }
    }
}

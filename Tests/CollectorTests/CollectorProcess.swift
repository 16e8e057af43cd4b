import Foundation

/// The real `tracetop-collector` executable as a child process, for tests that kill or signal it.
final class CollectorProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    /// OTLP/gRPC's port (also a free one).
    let grpcPort: Int
    private let output: Pipe

    /// The executable built beside the test bundle (`swift build --build-tests` builds both).
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tracetop-collector")
    }

    /// Starts it on free ports (HTTP and gRPC) and waits for its two "listening" lines.
    init(databasePath: String, extraArguments: [String] = []) throws {
        process.executableURL = Self.executable
        process.arguments = ["--listen", "127.0.0.1:0", "--grpc-listen", "127.0.0.1:0", "--db", databasePath] + extraArguments
        output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
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
        process.terminate()
        throw StoreError("the collector did not start: \(seen)")
    }

    var base: String { "http://127.0.0.1:\(port)" }
    var grpcEndpoint: String { "http://127.0.0.1:\(grpcPort)" }

    /// Runs the executable with `arguments` until it exits (for flags it must refuse): its status and everything it printed.
    /// `environment` is added to this process's own.
    static func runToExit(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        try process.run()
        let text = try await offThePool { String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends SIGTERM and returns the exit status.
    func terminate() -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `tracetop-collector` executable built beside the benchmark, run as a process of its own on 127.0.0.1, so
/// its memory is its own: the in-process collector shares its resident size with the workload and the clients.
final class CollectorProcess {
    let port: Int
    private let process: Process

    /// The executable beside this one, or nil when it was not built (`swift build -c release` builds both).
    static var executable: URL? {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tracetop-collector")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    /// Starts the collector on a file of its own and waits until it answers /readyz.
    init(executable: URL, databasePath: String) throws {
        port = try Self.unusedPort()
        process = Process()
        process.executableURL = executable
        process.arguments = ["--listen", "127.0.0.1:\(port)", "--grpc-listen", "off", "--db", databasePath, "--log-level", "error"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw BenchFailure("tracetop-collector exited at start with status \(process.terminationStatus)")
            }
            if let client = try? LoopbackHTTPClient(port: port), (try? client.get("/readyz"))?.status == 200 { return }
            usleep(100_000)
        }
        stop()
        throw BenchFailure("tracetop-collector did not answer /readyz within 60 s")
    }

    deinit { stop() }

    /// The process's resident high-water mark (VmHWM) so far, in bytes.
    var peakResidentBytes: Int { ProcessMemory.peakBytes(pid: process.processIdentifier) }

    /// Zeroes the process's VmHWM, so the next phase's peak is its own.
    func resetPeak() { ProcessMemory.resetPeak(pid: process.processIdentifier) }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// A port the kernel just handed out and let go of (the collector binds it a moment later).
    private static func unusedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchFailure("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw BenchFailure("cannot find a free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

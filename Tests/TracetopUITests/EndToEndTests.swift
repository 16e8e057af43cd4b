import Foundation
import Testing
import TraceModel
import WireCodecs
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The real thing: the collector on a free port with a fresh SQLite file, fixture traces and logs posted as
/// OTLP JSON, and tracetop running inside tmux, driven by keys and read back with `tmux capture-pane`.
/// Needs the `tracetop` and `tracetop-collector` products built beside the test bundle (`swift test` builds
/// them) and tmux on the PATH; otherwise it is skipped, saying why — except under scripts/test
/// (TRACETOP_REQUIRE_E2E=1), which installs both, so a missing one there is a failure, not a skip.
@Suite("End to end: collector + tracetop in tmux", .serialized)
struct EndToEndTests {
    static let binaries = Binaries.locate()

    @Test(
        .enabled(
            if: binaries.missing == nil || ProcessInfo.processInfo.environment["TRACETOP_REQUIRE_E2E"] == "1",
            "needs built tracetop, tracetop-collector and tmux"))
    func waterfallDetailAndCorrelatedLogsAppear() async throws {
        if let missing = Self.binaries.missing { Issue.record("cannot run: \(missing)"); return }
        let (directory, collector, api) = try await Self.freshCollector()
        defer { try? FileManager.default.removeItem(at: directory) }
        defer { collector.terminate() }

        let base = UInt64(Date().timeIntervalSince1970 * 1_000_000_000) - 5_000_000_000
        try await Self.post(api + "/v1/traces", OTLPJSON.encode(EndToEndFixture.traces(base: base)))
        try await Self.post(api + "/v1/logs", OTLPJSON.encode(EndToEndFixture.logs(base: base)))
        let traceHex = EndToEndFixture.traceID.hex
        try await Self.waitUntil("the trace is queryable", timeout: 10) {
            (try? await Self.get(api + "/api/trace-summaries?lookback=1h"))?.contains(traceHex) == true
        }

        let tmux = Tmux(binary: Self.binaries.tmux!)
        defer { tmux.killServer() }
        try tmux.start(width: 120, height: 42, command: "\(Self.binaries.tracetop!) --collector \(api); echo tracetop exited $?; sleep 5")

        try await tmux.waitFor("POST /checkout")
        try tmux.send(["Enter"])
        let waterfall = try await tmux.waitFor("Span detail")
        #expect(waterfall.contains("e2e-gateway POST /checkout"))
        #expect(waterfall.contains("├─e2e-orders create order"))
        #expect(waterfall.contains("│ └─e2e-billing POST /charge"))
        #expect(waterfall.contains("└─e2e-inventory reserve stock"))
        #expect(waterfall.contains("█"))

        // `e` jumps to the failing span; its detail shows the exception's stack trace line by line.
        try tmux.send(["e"])
        let detail = try await tmux.waitFor("CardDeclined: insufficient funds")
        #expect(detail.contains("status ERROR"))
        #expect(detail.contains("File \"charge.py\", line 12, in charge"))

        // The logs pane: lines joined by trace id and the worker's line joined only by correlation id
        // (bodies are cut to the pane's width).
        let logs = try await tmux.waitFor("e2e-worker [corr " + EndToEndFixture.correlationID + "] retrying")
        #expect(logs.contains("checkout"))
        #expect(logs.contains("ERROR e2e-billing [POST /charge] charge"))
        #expect(logs.contains("INFO  e2e-gateway [POST /checkout]"))

        // Enter on the gateway's log line selects its span: the detail pane follows.
        try tmux.send(["Tab", "Tab", "g", "Enter"])
        let selected = try await tmux.waitFor("(root)")
        #expect(selected.contains("─ Span detail"))

        try tmux.send(["q", "q"])
        try await tmux.waitFor("tracetop exited 0")
    }

    // MARK: helpers

    /// A collector on a free port with a fresh database in a new temporary directory, answering.
    static func freshCollector() async throws -> (URL, Subprocess, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tracetop-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try FreePort.find()
        let collector = try startCollector(port: port, database: directory.appendingPathComponent("e2e.db").path)
        let api = "http://127.0.0.1:\(port)"
        try await waitUntil("the collector answers", timeout: 20) { (try? await get(api + "/api/services")) != nil }
        return (directory, collector, api)
    }

    static func startCollector(port: Int, database: String) throws -> Subprocess {
        try Subprocess.start(
            binaries.collector!,
            ["--listen", "127.0.0.1:\(port)", "--grpc-listen", "127.0.0.1:0", "--db", database, "--log-level", "warning"],
            environment: ProcessInfo.processInfo.environment)
    }

    static func get(_ url: String) async throws -> String {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw E2EError("GET \(url): \(response)") }
        return String(decoding: data, as: UTF8.self)
    }

    static func post(_ url: String, _ body: [UInt8]) async throws {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body)
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw E2EError("POST \(url) answered \(response): \(String(decoding: data, as: UTF8.self))")
        }
    }

    /// Polls a real process's state (there is no event to wait on), bounded by `timeout` seconds.
    static func waitUntil(_ what: String, timeout: Double, _ condition: () async -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw E2EError("timed out after \(timeout)s waiting until \(what)")
    }
}

struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Where the products are: beside the test bundle in the build folder, or in `TRACETOP_BIN_DIR`.
struct Binaries {
    var tracetop: String?
    var collector: String?
    var tmux: String?

    var missing: String? {
        if tracetop == nil { return "tracetop" }
        if collector == nil { return "tracetop-collector" }
        if tmux == nil { return "tmux" }
        return nil
    }

    static func locate() -> Binaries {
        let environment = ProcessInfo.processInfo.environment
        let buildFolder =
            environment["TRACETOP_BIN_DIR"]
            ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent().path
        let executable = { (path: String) in FileManager.default.isExecutableFile(atPath: path) ? path : nil }
        let tmux = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").lazy.compactMap { executable("\($0)/tmux") }.first
        return Binaries(
            tracetop: executable(buildFolder + "/tracetop"), collector: executable(buildFolder + "/tracetop-collector"), tmux: tmux)
    }
}

/// A private tmux server (its own socket), so the test never touches the user's sessions.
struct Tmux {
    let binary: String
    let socket = "tracetop-e2e-\(getpid())"

    func start(width: Int, height: Int, command: String) throws {
        try run(["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height), command], output: false)
    }

    func send(_ keys: [String]) throws { try run(["send-keys", "-t", "e2e"] + keys, output: false) }

    /// Runs another command in the same pane (no new server: a restarted one can race the old one's exit).
    func respawn(command: String) throws { try run(["respawn-pane", "-k", "-t", "e2e", command], output: false) }

    func capture() throws -> String { try run(["capture-pane", "-p", "-t", "e2e"], output: true) }

    /// Waits until the pane shows `text` and returns the whole pane; on timeout the error shows the pane.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var pane = ""
        while Date() < deadline {
            pane = try capture()
            if pane.contains(text) { return pane }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw E2EError("timed out waiting for '\(text)'; the pane shows:\n\(pane)")
    }

    func killServer() { _ = try? run(["kill-server"], output: false) }

    /// `output: false` for commands that may start the server: it would inherit a pipe and hold it open forever.
    @discardableResult
    private func run(_ arguments: [String], output wantsOutput: Bool) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = environment["TERM"].flatMap { $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        let all = ["-L", socket] + arguments
        if wantsOutput { return try Subprocess.output(binary, all, environment: environment) }
        try Subprocess.start(binary, all, environment: environment).wait()
        return ""
    }
}

/// Asks the kernel for a free loopback port (bind to port 0, read it back, close).
enum FreePort {
    static func find() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw E2EError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw E2EError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw E2EError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

import Foundation
import Synchronization
import Testing
import TraceModel
import TraceStore
import TraceStorePostgres
import WireCodecs

/// PostgreSQL stopped under a running collector and started again, on a throwaway server of the test's own (so
/// stopping it disturbs no other test): ingest is refused promptly with 503 + Retry-After, `/readyz` and the
/// queries say the database cannot be reached, and once the server is back the collector takes spans again by
/// itself — with every span it acknowledged, before, during and after, stored.
@Suite(.enabled(if: TestPostgres.isWanted, "needs PostgreSQL (scripts/test installs it and sets TRACETOP_REQUIRE_POSTGRES)"))
struct PostgresOutageTests {
    /// Every answer while the server is down must come well within an exporter's timeout (the OpenTelemetry
    /// SDKs' default is 10 s); the collector aims at a second or two. Without the store's probe the pool made
    /// each request wait 15–30 s.
    static let answerBound: TimeInterval = 8

    @Test func ingestAndQueriesAnswer503PromptlyWhileTheServerIsDownAndRecoverWithNothingAcknowledgedLost() async throws {
        let server = try await ThrowawayPostgres.start()
        defer { server.stop() }
        step("server started")
        let collector = try CollectorProcess(databasePath: server.url)
        defer { _ = collector.terminate() }
        step("collector started")
        let sender = TraceSender(base: collector.base)
        for _ in 0..<10 { #expect(try await sender.sendOne().status == 200) }
        step("sent 10")

        // A steady exporter, on through the outage and after it.
        let sending = Task { await sender.keepSending() }
        defer { sending.cancel() }
        try await server.pause()
        step("paused")

        #expect(await eventually { sender.refusals > 0 }, "no ingest request was refused after PostgreSQL stopped")
        let refused = try await sender.sendOne()
        #expect(refused.status == 503, "\(refused.text)")
        #expect(Int(refused.headers["retry-after"] ?? "") ?? 0 > 0, "\(refused.headers)")
        #expect(refused.seconds < Self.answerBound, "a refusal took \(refused.seconds) s")
        // The first refusals may come from commits the stop cut off, a moment before the probe names the outage.
        let reason = "PostgreSQL at 127.0.0.1:\(server.port) cannot be reached"
        #expect(
            await eventually {
                (try? await HTTP.get(collector.base + "/readyz")).map { $0.status == 503 && $0.text.contains(reason) } ?? false
            },
            "/readyz did not answer 503 naming the server")
        let started = Date()
        let query = try await HTTP.get(collector.base + "/api/services")
        #expect(query.status == 503, "\(query.text)")
        #expect(query.text.contains("cannot be reached"), "\(query.text)")
        #expect(Date().timeIntervalSince(started) < Self.answerBound)

        step("checked while down")
        try await server.resume()
        step("resumed")
        #expect(
            await eventually(seconds: 60) { (try? await HTTP.get(collector.base + "/readyz").status) == 200 },
            "/readyz did not turn 200 after PostgreSQL came back")
        let before = sender.acknowledged.count
        #expect(await eventually(seconds: 60) { sender.acknowledged.count >= before + 5 }, "ingest did not resume")
        sending.cancel()
        await sending.value

        #expect(sender.slowest < Self.answerBound, "the slowest answer took \(sender.slowest) s")
        let summaries = try await HTTP.get(collector.base + "/api/trace-summaries?limit=1000&\(sender.window)")
        let rows = try #require((try summaries.json() as? [String: Any])?["data"] as? [[String: Any]], "\(summaries.text)")
        let stored = Dictionary(rows.map { ($0["traceID"] as? String ?? "", $0["spanCount"] as? Int ?? 0) }) { $1 }
        let acknowledged = sender.acknowledged
        let missing = acknowledged.filter { stored[$0.hex] != TraceSender.spansPerTrace }
        #expect(missing.isEmpty, "\(missing.count) of \(acknowledged.count) acknowledged traces are missing or incomplete")
        print("outage: \(acknowledged.count) traces acknowledged, \(sender.refusals) refusals, slowest answer \(sender.slowest) s")
    }

    private func step(_ text: String) { FileHandle.standardError.write(Data("outage test: \(text)\n".utf8)) }

    private func eventually(seconds: TimeInterval = 20, _ condition: @Sendable () async -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }
}

/// Posts small traces (a new trace id each) and keeps account of what was acknowledged and refused, and how long
/// the slowest answer took.
private final class TraceSender: Sendable {
    static let spansPerTrace = 3
    let base: String
    private let start = UnixTime.nowNanoseconds()
    private struct Tally {
        var next: UInt64 = 1
        var acknowledged: [TraceID] = []
        var refusals = 0
        var slowest: TimeInterval = 0
    }
    private let tally = Mutex(Tally())

    init(base: String) { self.base = base }

    var acknowledged: [TraceID] { tally.withLock { $0.acknowledged } }
    var refusals: Int { tally.withLock { $0.refusals } }
    var slowest: TimeInterval { tally.withLock { $0.slowest } }
    /// The query window that holds every trace sent (microseconds).
    var window: String { "start=\(start / 1000 - 1_000_000)&end=\(start / 1000 + 3_600_000_000)" }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var text: String
        var seconds: TimeInterval
    }

    /// One trace; 200 counts it as acknowledged.
    func sendOne() async throws -> Answer {
        let number = tally.withLock { tally in
            defer { tally.next += 1 }
            return tally.next
        }
        let traceID = TraceID(high: 0x07a6e, low: number)
        let traceStart: UInt64 = start + number * 1_000_000
        var spans: [Span] = []
        for index in 0..<Self.spansPerTrace {
            let isRoot = index == 0
            let spanStart: UInt64 = traceStart + UInt64(index) * 1000
            spans.append(
                Span(
                    traceID: traceID, spanID: SpanID(UInt64(index + 1)), parentSpanID: isRoot ? nil : SpanID(1),
                    name: isRoot ? "GET /outage" : "step", kind: isRoot ? .server : .internal,
                    startTimeUnixNano: spanStart, endTimeUnixNano: traceStart + 500_000))
        }
        let body = Data(OTLPJSON.encode(SharedStoreTests.tracesData(spans.map { ("outage-test", $0) })))
        let sent = Date()
        let outcome: Result<HTTPExchange, any Error>
        do { outcome = .success(try await HTTP.post(base + "/v1/traces", json: body)) } catch { outcome = .failure(error) }
        let seconds = Date().timeIntervalSince(sent)
        // A request that failed (no answer within URLSession's 30 s, say) counts as slow as it was.
        tally.withLock { tally in
            tally.slowest = max(tally.slowest, seconds)
            if (try? outcome.get())?.status == 200 { tally.acknowledged.append(traceID) } else { tally.refusals += 1 }
        }
        let response = try outcome.get()
        // Header names in any case (HTTP/1.1 does not care, and Foundation keeps what it was sent).
        let headers = Dictionary(response.headers.map { ($0.key.lowercased(), $0.value) }) { $1 }
        return Answer(status: response.status, headers: headers, text: response.text, seconds: seconds)
    }

    /// Sends a trace every 100 ms until cancelled (at most 800, so one summary query lists them all).
    func keepSending() async {
        while !Task.isCancelled, tally.withLock({ $0.next }) < 800 {
            _ = try? await sendOne()
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// A PostgreSQL server of the test's own (`scripts/postgres-throwaway`), for a test that stops and starts it.
private final class ThrowawayPostgres: Sendable {
    let directory: String
    let url: String
    let port: Int

    private init(directory: String, url: String) throws {
        self.directory = directory
        self.url = url
        port = try PostgresLocation(url: url).port
    }

    static func start() async throws -> ThrowawayPostgres {
        // A folder the script creates (and gives to the postgres user); /tmp keeps the socket path short.
        let directory = "/tmp/tracetop-outage-\(UUID().uuidString.prefix(8))"
        return try ThrowawayPostgres(directory: directory, url: try await offThePool { try run("start", directory) })
    }

    /// Stops the server with a fast shutdown (sessions are cut, as in a crash or a failover) and keeps its data.
    func pause() async throws { _ = try await offThePool { [directory] in try Self.run("pause", directory) } }
    /// Starts it again on the same port.
    func resume() async throws { _ = try await offThePool { [directory] in try Self.run("resume", directory) } }
    func stop() { _ = try? Self.run("stop", directory) }

    /// The script's output, trimmed; throws with it when the script fails. Blocks: called off the task pool.
    /// Spawned and waited for directly: Foundation's `Process.waitUntilExit` never returned for this script
    /// (whose server lives on after it), so the output goes through a file.
    private static func run(_ command: String, _ directory: String) throws -> String {
        let script = Paths.packageRoot.appendingPathComponent("scripts/postgres-throwaway").path
        let outputFile = "\(directory).\(command).out"
        defer { unlink(outputFile) }
        let arguments = ["/bin/sh", "-c", #"exec "$0" "$1" "$2" >"$3" 2>&1"#, script, command, directory, outputFile]
        var pid: pid_t = 0
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ)
        guard spawned == 0 else { throw StoreError("cannot run postgres-throwaway: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        guard status == 0 else { throw StoreError("postgres-throwaway \(command) failed: \(text)") }
        return text.split(separator: "\n").last.map(String.init) ?? ""
    }
}

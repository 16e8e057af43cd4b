import Foundation
import Testing
import TraceModel
import TraceStore
import TraceStorePostgres
import WireCodecs

/// Crash safety on the real executable: 20 times (10 on PostgreSQL), sustained concurrent ingest of spans and
/// logs is cut by SIGKILL at a random moment after the first acknowledgement and the collector restarted on the
/// same database. Every acknowledged
/// span and log must be there at the end, and on SQLite `PRAGMA integrity_check` must pass.
@Suite(.serialized) struct CrashSafetyTests {
    private enum Signal: Sendable { case spans, logs }
    private struct Acknowledged: Sendable {
        var signal: Signal
        var number: UInt64
    }

    private static let resource = Resource(attributes: [KeyValue("service.name", .string("crash"))])

    private static func spans(_ number: UInt64) -> Data {
        let traceID = TraceID(high: 0xc4a5, low: number)
        let spans = (0..<5).map { index in
            Span(
                traceID: traceID, spanID: SpanID(UInt64(index + 1)), name: "op-\(index)", startTimeUnixNano: 1_000_000,
                endTimeUnixNano: 2_000_000)
        }
        return Data(OTLPJSON.encode(TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(spans: spans)])])))
    }

    /// Three log records linked to trace (0x10c5, number), so a trace query finds exactly them.
    private static func logs(_ number: UInt64) -> Data {
        let records = (0..<3).map { index in
            LogRecord(
                timeUnixNano: 1_000_000 + UInt64(index), severityNumber: 9, body: .string("line \(index) of \(number)"),
                traceID: TraceID(high: 0x10c5, low: number))
        }
        return Data(
            OTLPJSON.encode(LogsData(resourceLogs: [ResourceLogs(resource: resource, scopeLogs: [ScopeLogs(logRecords: records)])])))
    }

    @Test func randomKillsDuringIngestLoseNothingAcknowledged() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("crash.db").path
        let (seed, acknowledged) = try await Self.killRepeatedly(databasePath: path, rounds: 20)
        let store = try SQLiteTraceStore(path: path)
        #expect(try await store.integrityCheck() == "ok")
        try await Self.expectNothingLost(acknowledged, in: store, seed: seed)
    }

    /// The same on PostgreSQL: a commit cut off by the kill is rolled back by the server, and every one the
    /// collector acknowledged was committed first (`synchronous_commit=on`).
    @Test(.enabled(if: TestPostgres.isWanted, "needs a PostgreSQL test server: TRACETOP_TEST_POSTGRES (scripts/test starts one)"))
    func randomKillsDuringIngestIntoPostgreSQLLoseNothingAcknowledged() async throws {
        try await TestPostgres.withFreshDatabase { location in
            let (seed, acknowledged) = try await Self.killRepeatedly(databasePath: location.url, rounds: 10)
            let store = try PostgresTraceStore(location: location)
            defer { store.close() }
            try await Self.expectNothingLost(acknowledged, in: store, seed: seed)
        }
    }

    /// `rounds` times: a collector on `databasePath`, six senders posting spans and logs, SIGKILL at a random
    /// moment. Returns the seed and what the collector acknowledged.
    private static func killRepeatedly(databasePath path: String, rounds: Int) async throws -> (UInt64, [Acknowledged]) {
        let seed = UInt64(Date().timeIntervalSince1970)
        var random = SplitMix(seed: seed)
        var acknowledged: [Acknowledged] = []
        var sent = 0
        for round in 0..<rounds {
            let collector = try await offThePool { try CollectorProcess(databasePath: path) }
            let killAfterMillis = Int(random.next() % 450) + 50
            let first = FirstAcknowledgement()
            let results = try await withThrowingTaskGroup(of: ([Acknowledged], Int).self) { group in
                for sender in 0..<6 {
                    group.addTask {
                        var acks: [Acknowledged] = []
                        var attempts = 0
                        // Bounded: at most 300 requests per sender; the kill ends it sooner.
                        for index in 0..<300 {
                            let number = UInt64(round * 1_000_000 + sender * 10_000 + index + 1)
                            let signal: Signal = index % 2 == 0 ? .spans : .logs
                            let url = collector.base + (signal == .spans ? "/v1/traces" : "/v1/logs")
                            attempts += 1
                            guard let answer = try? await HTTP.post(url, json: signal == .spans ? Self.spans(number) : Self.logs(number))
                            else { break }
                            if answer.status == 200 {
                                acks.append(Acknowledged(signal: signal, number: number))
                                first.record()
                            }
                        }
                        return (acks, attempts)
                    }
                }
                group.addTask {
                    try await first.wait()
                    try await Task.sleep(for: .milliseconds(killAfterMillis))
                    try await offThePool { collector.kill9() }
                    return ([], 0)
                }
                var all: ([Acknowledged], Int) = ([], 0)
                for try await (acks, attempts) in group {
                    all.0 += acks
                    all.1 += attempts
                }
                return all
            }
            acknowledged += results.0
            sent += results.1
        }
        print(
            "crash safety (\(PostgresLocation.isURL(path) ? "PostgreSQL" : "SQLite")): seed \(seed), \(rounds) kills, \(sent) requests sent, \(acknowledged.count) acknowledged (\(acknowledged.filter { $0.signal == .logs }.count) of them logs)"
        )
        #expect(acknowledged.count > 5 * rounds, "too few requests were acknowledged for the test to mean anything")
        return (seed, acknowledged)
    }

    private static func expectNothingLost(_ acknowledged: [Acknowledged], in store: any TraceStore, seed: UInt64) async throws {
        var lost: [String] = []
        for ack in acknowledged {
            switch ack.signal {
            case .spans:
                if try await store.trace(TraceID(high: 0xc4a5, low: ack.number)).count != 5 { lost.append("spans \(ack.number)") }
            case .logs:
                if try await store.logs(LogQuery(traceID: TraceID(high: 0x10c5, low: ack.number))).count != 3 {
                    lost.append("logs \(ack.number)")
                }
            }
        }
        #expect(lost.isEmpty, "seed \(seed): acknowledged but lost: \(lost.prefix(20))")
    }
}

/// A small seeded generator, so a failing run can be told apart by its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

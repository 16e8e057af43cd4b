import Foundation
import Synchronization
import Testing
import TraceModel
import TraceStore

/// Overload on the real executable: offered three times the rate it sustains, the collector keeps answering
/// (200, or 503 + Retry-After for what it cannot take), its memory stays bounded, queries still answer, and
/// everything it acknowledged is stored.
@Suite(.serialized) struct OverloadTests {
    private static let resource = Resource(attributes: [KeyValue("service.name", .string("overload"))])

    private static func request(_ number: UInt64) -> Data {
        let traceID = TraceID(high: 0x0fe1, low: number)
        let spans = (0..<50).map { index in
            Span(traceID: traceID, spanID: SpanID(UInt64(index + 1)), name: "op-\(index % 5)", startTimeUnixNano: 1_000_000, endTimeUnixNano: 2_000_000,
                 attributes: [KeyValue("payload", .string(String(repeating: "p", count: 200)))])
        }
        return Data(OTLPJSON.encode(TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(spans: spans)])])))
    }

    /// Resident memory of a process, from /proc.
    private static func residentBytes(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }

    private final class Tally: Sendable {
        let acknowledged = Mutex<[UInt64]>([])
        let refusedWithRetryAfter = Atomic<Int>(0)
        let refusedWithoutRetryAfter = Atomic<Int>(0)
        let other = Mutex<[String]>([])
        let inFlight = Atomic<Int>(0)
        let nextBody = Atomic<Int>(0)
    }

    /// With the 4 MB queue the test client (URLSession) cannot offer much more than the collector sustains on
    /// two cores; with a 20 kB queue (about one request) the refusals happen for certain.
    @Test(arguments: [4_000_000, 20_000])
    func threeTimesTheSustainableRateIsAnsweredAndNothingAcknowledgedIsLost(queueBytes: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-overload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("overload.db").path
        let collector = try await offThePool { try CollectorProcess(databasePath: path, extraArguments: ["--max-queue-bytes", "\(queueBytes)"]) }
        let url = collector.base + "/v1/traces"
        let pid = collector.process.processIdentifier
        let idleRSS = Self.residentBytes(pid)

        // Bodies are encoded before the clock starts, so the client spends its CPU on sending.
        let bodies = (0..<4000).map { Self.request(UInt64($0) + 1) }

        // 1. The sustainable rate: sixteen senders back to back for 3 seconds keep the writer saturated.
        let measureStart = Date()
        let tally = Tally()
        let sustained = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var done = 0
                    while Date().timeIntervalSince(measureStart) < 3 {
                        let index = tally.nextBody.add(1, ordering: .relaxed).newValue
                        guard index < 1000 else { break }
                        if try await HTTP.post(url, json: bodies[index - 1]).status == 200 { done += 1 }
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let sustainableRate = Double(sustained) / Date().timeIntervalSince(measureStart)
        let countBefore = sustained
        _ = countBefore

        // 2. Three times that, open loop (requests start on schedule whether or not earlier ones returned),
        //    for 5 seconds; at most 512 in flight.
        let offeredRate = sustainableRate * 3
        let interval = 1 / offeredRate
        let overloadStart = Date()
        var maxRSS = 0
        var queryLatencies: [Double] = []
        var offered = 0
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = overloadStart
            var number: UInt64 = 1000
            var lastSample = Date.distantPast
            while Date().timeIntervalSince(overloadStart) < 5 && number < UInt64(bodies.count) {
                let now = Date()
                if now >= next {
                    next += interval
                    number += 1
                    offered += 1
                    guard tally.inFlight.load(ordering: .relaxed) < 512 else { continue }
                    tally.inFlight.add(1, ordering: .relaxed)
                    let requestNumber = number
                    group.addTask {
                        defer { tally.inFlight.subtract(1, ordering: .relaxed) }
                        do {
                            let answer = try await HTTP.post(url, json: bodies[Int(requestNumber) - 1])
                            switch answer.status {
                            case 200: tally.acknowledged.withLock { $0.append(requestNumber) }
                            case 503 where answer.header("Retry-After") != nil: tally.refusedWithRetryAfter.add(1, ordering: .relaxed)
                            case 503: tally.refusedWithoutRetryAfter.add(1, ordering: .relaxed)
                            default: tally.other.withLock { $0.append("\(answer.status)") }
                            }
                        } catch {
                            tally.other.withLock { $0.append("\(error)") }
                        }
                    }
                }
                if now.timeIntervalSince(lastSample) > 0.25 {
                    lastSample = now
                    maxRSS = max(maxRSS, Self.residentBytes(pid))
                    let queryStart = Date()
                    let status = try await HTTP.get(collector.base + "/api/services").status
                    queryLatencies.append(Date().timeIntervalSince(queryStart))
                    #expect(status == 200)
                } else {
                    try await Task.sleep(for: .milliseconds(1))
                }
            }
            try await group.waitForAll()
        }
        let acknowledged = tally.acknowledged.withLock { $0 }
        let refused = tally.refusedWithRetryAfter.load(ordering: .relaxed)
        let others = tally.other.withLock { $0 }
        print("""
            overload (queue \(queueBytes) bytes): sustainable \(Int(sustainableRate)) req/s of 50 spans; offered \(offered) requests at \(Int(offeredRate)) req/s (achieved \(Int(Double(offered) / Date().timeIntervalSince(overloadStart))) req/s); \
            \(acknowledged.count) acknowledged, \(refused) got 503 + Retry-After, \(others.count) other answers; \
            RSS idle \(idleRSS >> 20) MB, max \(maxRSS >> 20) MB; slowest query \(Int((queryLatencies.max() ?? 0) * 1000)) ms
            """)
        if queueBytes < 100_000 { #expect(refused > 0, "a one-request queue under 16+ concurrent senders refused nothing") }
        #expect(others.isEmpty, "answers other than 200 or 503: \(others.prefix(5))")
        #expect(tally.refusedWithoutRetryAfter.load(ordering: .relaxed) == 0)
        #expect(maxRSS < 1 << 30, "RSS reached \(maxRSS >> 20) MB")
        #expect((queryLatencies.max() ?? 0) < 5)

        // 3. Everything acknowledged is stored (checked after a clean stop).
        #expect(try await offThePool { collector.terminate() } == 0)
        let store = try SQLiteTraceStore(path: path)
        #expect(try await store.statistics().traceCount >= acknowledged.count)
        var lost = 0
        for number in acknowledged where try await store.trace(TraceID(high: 0x0fe1, low: number)).count != 50 { lost += 1 }
        #expect(lost == 0)
    }
}

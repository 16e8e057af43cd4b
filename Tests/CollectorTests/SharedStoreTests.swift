import Foundation
import Testing
import TraceModel
import TraceStorePostgres
import WireCodecs

/// Three real collector processes on one PostgreSQL database, ingesting spans of the same traces at once.
@Suite(.enabled(if: TestPostgres.isWanted, "needs a PostgreSQL test server: TRACETOP_TEST_POSTGRES (scripts/test starts one)"))
struct SharedStoreTests {
    static let traceCount = 40
    static let spansPerTrace = 12
    static let services = ["gateway", "orders", "billing", "shipping"]

    struct Expected {
        var start = UInt64.max
        var end: UInt64 = 0
        var errors = 0
        var services = Set<String>()
    }

    /// Every span goes to one collector chosen at random, and a third of them again to another; requests mix
    /// spans of many traces and are all sent at once. Each trace's summary must come out exact on every
    /// collector (no lost update between collectors, no span counted twice), and latency counts every span once.
    @Test func threeCollectorsIngestingOneTraceConcurrentlyAgreeAndCountEachSpanOnce() async throws {
        try await TestPostgres.withFreshDatabase { location in
            let collectors = try (0..<3).map { _ in try CollectorProcess(databasePath: location.url) }
            defer { for collector in collectors { _ = collector.terminate() } }
            var generator = SystemRandomNumberGenerator()
            let base: UInt64 = 1_795_521_600_000_000_000
            var expected: [TraceID: Expected] = [:]
            var sends: [[Int: [(String, Span)]]] = Array(repeating: [:], count: collectors.count)
            for t in 0..<Self.traceCount {
                let traceID = TraceID(high: 0x5ca1e, low: UInt64(t + 1))
                for s in 0..<Self.spansPerTrace {
                    let service = Self.services[s % Self.services.count]
                    let start = base + UInt64(t) * 1_000_000_000 + UInt64(s) * 1_000_000
                    let end = start + UInt64.random(in: 1_000_000...50_000_000, using: &generator)
                    let isError = s % 5 == 3
                    let span = Span(
                        traceID: traceID, spanID: SpanID(UInt64(s + 1)), parentSpanID: s == 0 ? nil : SpanID(1),
                        name: s == 0 ? "GET /checkout" : "step \(s % 3)", kind: s == 0 ? .server : .internal,
                        startTimeUnixNano: start, endTimeUnixNano: end, status: SpanStatus(code: isError ? .error : .unset))
                    var want = expected[traceID] ?? Expected()
                    want.start = min(want.start, start)
                    want.end = max(want.end, end)
                    if isError { want.errors += 1 }
                    want.services.insert(service)
                    expected[traceID] = want
                    let first = Int.random(in: 0..<collectors.count, using: &generator)
                    var targets = [first]
                    if Int.random(in: 0..<3, using: &generator) == 0 { targets.append((first + 1) % collectors.count) }
                    for target in targets {
                        sends[target][Int.random(in: 0..<8, using: &generator), default: []].append((service, span))
                    }
                }
            }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, collector) in collectors.enumerated() {
                    for (_, spans) in sends[index] {
                        let body = Data(OTLPJSON.encode(Self.tracesData(spans)))
                        group.addTask { try await HTTP.post(collector.base + "/v1/traces", json: body).status }
                    }
                }
                for try await status in group { #expect(status == 200) }
            }
            let window = "start=\(base / 1000 - 1)&end=\(base / 1000 + 3_600_000_000)"
            for collector in collectors {
                let response = try await HTTP.get(collector.base + "/api/trace-summaries?limit=1000&\(window)")
                let summaries = try #require((try response.json() as? [String: Any])?["data"] as? [[String: Any]], "\(response.text)")
                #expect(summaries.count == Self.traceCount)
                for summary in summaries {
                    let id = try #require(TraceID(hex: summary["traceID"] as? String ?? ""))
                    let want = try #require(expected[id])
                    #expect(summary["spanCount"] as? Int == Self.spansPerTrace, "\(id)")
                    #expect(summary["errorCount"] as? Int == want.errors, "\(id)")
                    #expect(summary["rootService"] as? String == "gateway")
                    #expect(summary["rootOperation"] as? String == "GET /checkout")
                    #expect(summary["startTime"] as? Int == Int(want.start / 1000))
                    #expect(summary["duration"] as? Int == Int((want.end - want.start) / 1000), "\(id)")
                    #expect(summary["services"] as? [String] == want.services.sorted())
                }
                let latency = try await HTTP.get(collector.base + "/api/latency?\(window)")
                let rows = try #require((try latency.json() as? [String: Any])?["data"] as? [[String: Any]], "\(latency.text)")
                #expect(rows.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == Self.traceCount * Self.spansPerTrace)
            }
        }
    }

    /// One request's body: the spans grouped by service (a resource each).
    static func tracesData(_ spans: [(String, Span)]) -> TracesData {
        let byService = Dictionary(grouping: spans, by: \.0)
        return TracesData(
            resourceSpans: byService.map { service, spans in
                ResourceSpans(
                    resource: Resource(attributes: [KeyValue("service.name", .string(service))]),
                    scopeSpans: [ScopeSpans(scope: InstrumentationScope(name: "shared-store-test"), spans: spans.map(\.1))])
            })
    }
}

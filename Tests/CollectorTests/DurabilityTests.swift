import Foundation
import Testing
import TraceModel
import TraceStore
import WireCodecs

/// Acknowledged means committed: a 200 is a promise that survives kill -9, and SIGTERM drains cleanly.
@Suite(.serialized) struct DurabilityTests {
    private static func request(_ n: Int, spans: Int = 5) -> Data {
        let traceID = TraceID(high: 0xdead, low: UInt64(n + 1))
        let batch = (0..<spans).map { index in
            Span(traceID: traceID, spanID: SpanID(UInt64(index + 1)), name: "op-\(index)", startTimeUnixNano: 1_000, endTimeUnixNano: 2_000)
        }
        let resource = Resource(attributes: [KeyValue("service.name", .string("durable"))])
        return Data(OTLPJSON.encode(TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(spans: batch)])])))
    }

    private static func temporaryDatabase() throws -> (path: String, cleanup: () -> Void) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-durable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory.appendingPathComponent("durable.db").path, { try? FileManager.default.removeItem(at: directory) })
    }

    @Test func everyAcknowledgedSpanSurvivesKillNine() async throws {
        let (path, cleanup) = try Self.temporaryDatabase()
        defer { cleanup() }
        var acknowledged = Set<Int>()
        var next = 0
        for round in 0..<3 {
            let collector = try await offThePool { try CollectorProcess(databasePath: path) }
            // Concurrent requests; the kill comes right after the last acknowledgement, while others may be in flight.
            let statuses = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for n in next..<(next + 40) {
                    group.addTask { (n, (try? await HTTP.post(collector.base + "/v1/traces", json: Self.request(n)).status) ?? 0) }
                }
                var statuses: [(Int, Int)] = []
                for try await result in group {
                    statuses.append(result)
                    if statuses.count == 30 { collector.kill9() }  // mid-stream: some requests never get an answer
                }
                return statuses
            }
            next += 40
            acknowledged.formUnion(statuses.filter { $0.1 == 200 }.map(\.0))
            #expect(statuses.filter { $0.1 == 200 }.count >= 30, "round \(round)")
        }
        let store = try SQLiteTraceStore(path: path)
        #expect(try await store.integrityCheck() == "ok")
        for n in acknowledged {
            let spans = try await store.trace(TraceID(high: 0xdead, low: UInt64(n + 1)))
            #expect(spans.count == 5, "acknowledged request \(n) lost")
        }
    }

    @Test func sigtermCommitsWhatWasAcceptedAndExitsZero() async throws {
        let (path, cleanup) = try Self.temporaryDatabase()
        defer { cleanup() }
        let collector = try await offThePool { try CollectorProcess(databasePath: path) }
        for n in 0..<10 {
            #expect(try await HTTP.post(collector.base + "/v1/traces", json: Self.request(n)).status == 200)
        }
        let status = try await offThePool { collector.terminate() }
        #expect(status == 0)
        let store = try SQLiteTraceStore(path: path)
        #expect(try await store.statistics().spanCount == 50)
        #expect(try await store.integrityCheck() == "ok")
    }

    @Test func badFlagsAreRefusedWithAClearMessage() async throws {
        let (status, text) = try await CollectorProcess.runToExit(["--listen", "nonsense"])
        #expect(status != 0)
        #expect(text.contains("--listen must be host:port"))
    }
}

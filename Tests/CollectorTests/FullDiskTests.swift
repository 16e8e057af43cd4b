import Collector
import Foundation
import Testing
import TraceModel
import TraceStore
import WireCodecs

/// A full disk: the collector answers 503 + Retry-After for what it cannot store, keeps answering queries,
/// and takes data again once space returns. The disk is a small tmpfs mounted for the test (needs root;
/// the test is skipped where mounting is not allowed).
@Suite(.serialized) struct FullDiskTests {
    private static func run(_ arguments: [String]) -> Int32 {
        (try? SpawnedProcess.run("/usr/bin/env", arguments))?.status ?? -1
    }

    /// Whether this machine lets the test mount a tmpfs (root in a sandbox that allows it).
    static let canMount: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-mount-probe-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe]) == 0 else { return false }
        return run(["umount", probe]) == 0
    }()

    private static func request(_ number: UInt64) -> Data {
        let traceID = TraceID(high: 0xd15c, low: number)
        let spans = (0..<50).map { index in
            Span(
                traceID: traceID, spanID: SpanID(UInt64(index + 1)), name: "op", startTimeUnixNano: 1_000_000, endTimeUnixNano: 2_000_000,
                attributes: [KeyValue("payload", .string(IncompressibleText.letters(2_000, seed: number << 8 | UInt64(index))))])
        }
        let resource = Resource(attributes: [KeyValue("service.name", .string("disk"))])
        return Data(OTLPJSON.encode(TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(spans: spans)])])))
    }

    @Test(.enabled(if: FullDiskTests.canMount, "mounting a tmpfs is not allowed here"))
    func aFullDiskGives503AndRecoversWhenSpaceReturns() async throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try #require(Self.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mountPoint]) == 0)
        defer {
            _ = Self.run(["umount", "-l", mountPoint])
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
        try await LiveCollector.with(configure: { $0.databasePath = mountPoint + "/full.db" }) { live in
            let url = live.base + "/v1/traces"
            var acknowledged: [UInt64] = []
            var refused = 0
            var unexpected: [Int] = []
            // Fill the 3 MB disk: each request is about 100 kB of spans.
            for number in UInt64(1)...80 {
                let answer = try await HTTP.post(url, json: Self.request(number))
                switch answer.status {
                case 200: acknowledged.append(number)
                case 503:
                    refused += 1
                    #expect(answer.header("Retry-After") != nil)
                    #expect(answer.text.contains("storage is unavailable"), "\(answer.text.prefix(200))")
                default: unexpected.append(answer.status)
                }
                if refused >= 3 { break }
            }
            #expect(refused >= 3, "the disk never filled: \(acknowledged.count) requests stored")
            #expect(unexpected.isEmpty, "answers other than 200 and 503: \(unexpected)")
            #expect(try await HTTP.get(live.base + "/api/services").status == 200, "queries stopped answering on a full disk")
            // Readiness tells a full disk from a healthy store; liveness does not care.
            let full = try await HTTP.get(live.base + "/readyz")
            #expect(full.status == 503 && full.text.contains("the store is not writable"), "\(full.status) \(full.text)")
            #expect(try await HTTP.get(live.base + "/healthz").status == 200)
            // Every refused span is counted, under the reason it was refused for.
            let metrics = try await HTTP.get(live.base + "/metrics").text
            #expect(
                metrics.contains("tracetop_refused_spans_total{transport=\"http\",reason=\"storage_failed\"} \(50 * refused)\n"),
                "\(metrics.split(separator: "\n").filter { $0.contains("refused_spans") })")

            // Space returns: the same collector stores again, without a restart, and says it is ready before
            // anything is sent to prove it.
            #expect(Self.run(["mount", "-o", "remount,size=64m", mountPoint]) == 0)
            #expect(try await HTTP.get(live.base + "/readyz").status == 200, "not ready after space returned")
            var recovered = false
            for number in UInt64(1_000)...1_010 {
                if try await HTTP.post(url, json: Self.request(number)).status == 200 {
                    acknowledged.append(number)
                    recovered = true
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(recovered, "no request was stored after space returned")
            print("full disk: \(acknowledged.count) requests stored, \(refused) refused with 503 while full, recovered: \(recovered)")
            for number in acknowledged {
                #expect(try await live.store.trace(TraceID(high: 0xd15c, low: number)).count == 50, "acknowledged request \(number) lost")
            }
            #expect(try await live.store.integrityCheck() == "ok")
        }
    }
}

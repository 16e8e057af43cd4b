import Foundation
import Testing
import TraceModel
import TraceStore
import WireCodecs

/// OTLP/HTTP protobuf: the captured real-SDK requests store exactly what their JSON twins store, and answers
/// come back in protobuf.
@Suite struct ProtobufIngestTests {
    private static let protobuf = ["Content-Type": "application/x-protobuf"]

    @Test func capturedProtobufRequestsAreStoredLikeJSON() async throws {
        try await LiveCollector.with { collector in
            let traces = try await HTTP.send(
                "POST", collector.base + "/v1/traces", body: try Paths.sample("real-sdk/python-protobuf-traces.bin"), headers: Self.protobuf
            )
            #expect(traces.status == 200)
            #expect(traces.header("Content-Type") == "application/x-protobuf")
            #expect(traces.body.isEmpty)  // an empty ExportTraceServiceResponse
            let gzip = try await HTTP.send(
                "POST", collector.base + "/v1/traces", body: try Paths.sample("real-sdk/python-protobuf-traces.bin.gz"),
                headers: Self.protobuf.merging(["Content-Encoding": "gzip"]) { $1 })
            #expect(gzip.status == 200)
            let logs = try await HTTP.send(
                "POST", collector.base + "/v1/logs", body: try Paths.sample("real-sdk/python-protobuf-logs.bin"), headers: Self.protobuf)
            #expect(logs.status == 200)

            // The .gz capture comes from a second run of the SDK: a second trace of three spans.
            let summaries = try await collector.store.traceSummaries(TraceQuery())
            #expect(summaries.map(\.spanCount) == [3, 3])
            let sent = try OTLPProtobuf.decodeTraces(Array(try Paths.sample("real-sdk/python-protobuf-traces.bin"))).data.resourceSpans
                .flatMap { $0.scopeSpans.flatMap(\.spans) }
            let stored = try await collector.store.trace(try #require(sent.first).traceID)
            #expect(Set(stored.map(\.span)) == Set(sent))
            // …and they are what the JSON twin says: same names, kinds, attributes and events.
            let twin = try OTLPJSON.decodeTraces(Array(try Paths.sample("real-sdk/python-json-traces.json"))).data.resourceSpans.flatMap {
                $0.scopeSpans.flatMap(\.spans)
            }
            #expect(
                Set(
                    stored.map {
                        [$0.span.name, "\($0.span.kind.rawValue)", "\($0.span.attributes)", "\($0.span.events.map(\.attributes))"]
                    })
                    == Set(twin.map { [$0.name, "\($0.kind.rawValue)", "\($0.attributes)", "\($0.events.map(\.attributes))"] }))
            #expect(try await collector.store.statistics().logCount == 2)
        }
    }

    @Test func malformedProtobufIs400WithAProtobufStatus() async throws {
        try await LiveCollector.with { collector in
            let truncated = try Paths.sample("real-sdk/python-protobuf-traces.bin").prefix(100)
            let response = try await HTTP.send("POST", collector.base + "/v1/traces", body: Data(truncated), headers: Self.protobuf)
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/x-protobuf")
            // google.rpc.Status: field 1 (code, varint) = 3, field 2 (message) says what went wrong.
            #expect(Array(response.body.prefix(2)) == [0x08, 0x03])
            #expect(String(decoding: response.body, as: UTF8.self).contains("byte"))
        }
    }
}

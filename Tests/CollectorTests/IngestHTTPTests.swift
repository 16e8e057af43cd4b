import Collector
import Foundation
import Testing
import TraceModel
import TraceStore
import WireCodecs

/// Every status OTLP/HTTP prescribes, against the live server.
@Suite struct IngestHTTPTests {
    @Test func realSDKRequestIsStoredAndAnsweredWithEmptyObject() async throws {
        try await LiveCollector.with { collector in
            let response = try await HTTP.post(collector.base + "/v1/traces", json: try Paths.sample("real-sdk/python-json-traces.json"))
            #expect(response.status == 200)
            #expect(response.text == "{}")
            #expect(response.header("Content-Type") == "application/json")
            let traceID = try #require(TraceID(hex: "90314cf5bd862a3eec8a4b3132de8743"))
            let spans = try await collector.store.trace(traceID)
            #expect(spans.count == 3)
            let charge = try #require(spans.first { $0.span.name == "payment.charge" })
            #expect(charge.span.events.first?.name == "exception")
            #expect(charge.span.status.code == .error)
            #expect(charge.serviceName == "probe-json")
            let root = try #require(spans.first { $0.span.name == "GET /checkout" })
            #expect(root.span.attributes[key: "ports"] == .array([.int(80), .int(443)]))
            let summary = try #require(try await collector.store.traceSummaries(TraceQuery()).first)
            #expect(summary.rootOperation == "GET /checkout")
            #expect(summary.spanCount == 3)
        }
    }

    @Test func gzipAndDeflateBodiesAreDecompressed() async throws {
        try await LiveCollector.with { collector in
            let gzip = try await HTTP.post(
                collector.base + "/v1/traces", json: try Paths.sample("real-sdk/python-json-traces.json.gz"),
                headers: ["Content-Encoding": "gzip"])
            #expect(gzip.status == 200)
            let plain = try Paths.sample("real-sdk/python-json-logs.json")
            let deflate = try await HTTP.post(
                collector.base + "/v1/logs", json: try Compression.zlib(plain), headers: ["Content-Encoding": "deflate"])
            #expect(deflate.status == 200, "\(deflate.text)")
            #expect(try await collector.store.statistics().spanCount == 3)
            #expect(try await collector.store.statistics().logCount == 2)
        }
    }

    @Test func invalidIDsArePartialSuccessAndTheRestIsStored() async throws {
        try await LiveCollector.with { collector in
            let body = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
                 "scopeSpans":[{"spans":[
                  {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","name":"ok","startTimeUnixNano":"1","endTimeUnixNano":"2"},
                  {"traceId":"00000000000000000000000000000000","spanId":"EEE19B7EC3C1B175","name":"zero trace"},
                  {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"xyz","name":"bad span id"}]}]}]}
                """
            let response = try await HTTP.post(collector.base + "/v1/traces", json: Data(body.utf8))
            #expect(response.status == 200)
            let json = try #require(try response.json() as? [String: Any])
            let partial = try #require(json["partialSuccess"] as? [String: Any])
            #expect(partial["rejectedSpans"] as? String == "2")
            #expect((partial["errorMessage"] as? String)?.contains("spans[1]: span rejected: traceId is all zeros") == true)
            #expect(try await collector.store.statistics().spanCount == 1)
        }
    }

    @Test(arguments: [
        ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\": 5}]}]}]}", "resourceSpans[0].scopeSpans[0].spans[0].name"),
        ("{\"resourceSpans\":[", "byte"),
        ("[1,2]", "object")
    ])
    func malformedJSONIs400WithWhereAndWhat(body: String, mentions: String) async throws {
        try await LiveCollector.with { collector in
            let response = try await HTTP.post(collector.base + "/v1/traces", json: Data(body.utf8))
            #expect(response.status == 400)
            let json = try #require(try response.json() as? [String: Any])
            #expect(json["code"] as? Int == 3)
            let message = try #require(json["message"] as? String)
            #expect(message.contains(mentions), "message: \(message)")
        }
    }

    @Test func statusCodesForSizeTypeMethodAndEncoding() async throws {
        try await LiveCollector.with(configure: { $0.maxBodyBytes = 4096 }) { collector in
            let big = Data(repeating: UInt8(ascii: " "), count: 5000)
            #expect(try await HTTP.post(collector.base + "/v1/traces", json: big).status == 413)
            // A small gzip body that inflates past the limit (a bomb) is refused after decompression.
            let bomb = try Compression.gzip(Data(repeating: UInt8(ascii: " "), count: 100_000))
            #expect(bomb.count < 4096)
            let bombResponse = try await HTTP.post(collector.base + "/v1/traces", json: bomb, headers: ["Content-Encoding": "gzip"])
            #expect(bombResponse.status == 413)
            #expect(bombResponse.text.contains("after decompression"))
            let wrongType = try await HTTP.send(
                "POST", collector.base + "/v1/traces", body: Data("{}".utf8), headers: ["Content-Type": "text/plain"])
            #expect(wrongType.status == 415)
            #expect(try await HTTP.get(collector.base + "/v1/traces").status == 405)
            let unknownEncoding = try await HTTP.post(
                collector.base + "/v1/traces", json: Data("{}".utf8), headers: ["Content-Encoding": "br"])
            #expect(unknownEncoding.status == 400)
            #expect(unknownEncoding.text.contains("Content-Encoding"))
            let corrupt = try await HTTP.post(
                collector.base + "/v1/traces", json: Data("not gzip".utf8), headers: ["Content-Encoding": "gzip"])
            #expect(corrupt.status == 400)
            let charset = try await HTTP.send(
                "POST", collector.base + "/v1/traces", body: Data("{}".utf8), headers: ["Content-Type": "application/json; charset=utf-8"])
            #expect(charset.status == 200)
        }
    }

    @Test func fullQueueAnswers503WithRetryAfterAndReadsStillWork() async throws {
        // A queue bound of zero requests: every ingest is refused, as when the writer cannot keep up.
        try await LiveCollector.with(configure: { $0.maxQueuedRequests = 0 }) { collector in
            let response = try await HTTP.post(collector.base + "/v1/traces", json: try Paths.sample("real-sdk/python-json-traces.json"))
            #expect(response.status == 503)
            #expect(response.header("Retry-After") == "1")
            #expect((try response.json() as? [String: Any])?["code"] as? Int == 14)
            #expect(try await HTTP.get(collector.base + "/api/services").status == 200)
        }
    }

    @Test func manyConcurrentSmallRequestsAreAllCommitted() async throws {
        try await LiveCollector.with { collector in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for n in 0..<64 {
                    group.addTask {
                        let span = Span(
                            traceID: TraceID(high: 1, low: UInt64(n + 1)), spanID: SpanID(1), name: "op",
                            startTimeUnixNano: 1_000, endTimeUnixNano: 2_000)
                        let body = OTLPJSON.encode(TracesData(resourceSpans: [ResourceSpans(scopeSpans: [ScopeSpans(spans: [span])])]))
                        return try await HTTP.post(collector.base + "/v1/traces", json: Data(body)).status
                    }
                }
                for try await status in group { #expect(status == 200) }
            }
            // Acknowledged means committed: the count is exact as soon as the last 200 arrived.
            #expect(try await collector.store.statistics().spanCount == 64)
        }
    }
}

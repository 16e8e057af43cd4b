@testable import Collector
import Foundation
import Testing
import TraceModel
import TraceStore
import WireCodecs

/// Bearer tokens (separate for ingest and queries), HTTPS with a certificate made at test time, and a
/// database file nobody else can read.
@Suite struct AccessControlTests {
    private static let tokens = AccessTokens(ingest: "ingest-secret", query: "query-secret")

    private static func traces() -> Data {
        let span = Span(
            traceID: TraceID(high: 0xacce55, low: 1), spanID: SpanID(1), name: "guarded", startTimeUnixNano: 1_000, endTimeUnixNano: 2_000)
        let resource = Resource(attributes: [KeyValue("service.name", .string("guarded"))])
        return Data(
            OTLPJSON.encode(TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(spans: [span])])])))
    }

    @Test func ingestNeedsTheIngestToken() async throws {
        try await LiveCollector.with(configure: { $0.access = Self.tokens }) { live in
            let url = live.base + "/v1/traces"
            let missing = try await HTTP.post(url, json: Self.traces())
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            let status = try #require(try missing.json() as? [String: Any])
            #expect(status["code"] as? Int == 16)  // google.rpc.Code UNAUTHENTICATED
            #expect((status["message"] as? String)?.contains("Authorization: Bearer") == true)

            #expect(try await HTTP.post(url, json: Self.traces(), headers: ["Authorization": "Bearer wrong"]).status == 401)
            #expect(try await HTTP.post(url, json: Self.traces(), headers: ["Authorization": "Bearer query-secret"]).status == 401)
            #expect(try await HTTP.post(url, json: Self.traces(), headers: ["Authorization": "Basic aW5nZXN0LXNlY3JldA=="]).status == 401)
            #expect(try await HTTP.post(url, json: Self.traces(), headers: ["Authorization": "Bearer ingest-secret"]).status == 200)
            #expect(try await live.store.statistics().spanCount == 1)
        }
    }

    @Test func protobufIngestIsRefusedInProtobuf() async throws {
        try await LiveCollector.with(configure: { $0.access = Self.tokens }) { live in
            let refused = try await HTTP.send(
                "POST", live.base + "/v1/traces", body: Data(), headers: ["Content-Type": "application/x-protobuf"])
            #expect(refused.status == 401)
            #expect(refused.header("Content-Type") == "application/x-protobuf")
        }
    }

    @Test func queriesNeedTheQueryToken() async throws {
        try await LiveCollector.with(configure: { $0.access = Self.tokens }) { live in
            let url = live.base + "/api/services"
            let missing = try await HTTP.get(url)
            #expect(missing.status == 401)
            let envelope = try #require(try missing.json() as? [String: Any])
            let errors = try #require(envelope["errors"] as? [[String: Any]])
            #expect(errors.first?["code"] as? Int == 401)
            #expect(try await HTTP.send("GET", url, headers: ["Authorization": "Bearer ingest-secret"]).status == 401)
            #expect(try await HTTP.send("GET", url, headers: ["Authorization": "Bearer query-secret"]).status == 200)
            #expect(try await HTTP.send("GET", url, headers: ["Authorization": "bearer   query-secret"]).status == 200)
            // Unknown paths are refused too, before anyone learns what exists.
            #expect(try await HTTP.get(live.base + "/api/nothing-here").status == 401)
        }
    }

    @Test func withoutTokensEverythingIsOpen() async throws {
        try await LiveCollector.with { (live: LiveCollector) async throws -> Void in
            #expect(try await HTTP.post(live.base + "/v1/traces", json: Self.traces()).status == 200)
            #expect(try await HTTP.get(live.base + "/api/services").status == 200)
        }
    }

    @Test(arguments: [
        ("secret", "secret", true), ("secret", "secreT", false), ("secret", "secre", false), ("secret", "secrets", false),
        ("secret", "", false), ("", "x", false)
    ])
    func tokenComparison(expected: String, given: String, matches: Bool) {
        let tokens = AccessTokens(ingest: expected)
        // An empty configured token means "open", never "the empty string is the password".
        if expected.isEmpty {
            #expect(tokens.ingest == nil)
        } else {
            #expect(ConstantTime.equal(given, expected) == matches)
        }
    }

    @Test func listensOnLoopbackByDefault() {
        #expect(CollectorConfiguration().host == "127.0.0.1")
    }

    @Test func databaseFileIsPrivate() async throws {
        try await LiveCollector.with { live in
            #expect(try await HTTP.post(live.base + "/v1/traces", json: Self.traces()).status == 200)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: live.databasePath + suffix) {
                let mode = try FileManager.default.attributesOfItem(atPath: live.databasePath + suffix)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(suffix.isEmpty ? "database" : suffix) has mode \(String(mode ?? 0, radix: 8))")
            }
        }
    }
}

import Foundation
@testable import JSONToolkit
import Testing
@testable import TraceModel
@testable import WireCodecs

/// Throughput of the OTLP JSON decoder against Foundation's JSONDecoder on the same bytes. Off by default
/// (timing is not a pass/fail matter: `tracetop-bench` owns performance); run it in release:
/// `TRACETOP_MEASURE=1 swift test -c release --filter OTLPJSONMeasurement`
@Suite("OTLPJSONMeasurement", .enabled(if: ProcessInfo.processInfo.environment["TRACETOP_MEASURE"] == "1"))
struct OTLPJSONMeasurement {
    /// Realistic spans: ~10 attributes of mixed types, ~1 KB of OTLP JSON each.
    static func traces(spans count: Int) -> TracesData {
        let spans = (0..<count).map { index in
            Span(
                traceID: TraceID(high: 0x9031_4CF5_BD86_2A3E &+ UInt64(index / 8), low: 0xEC8A_4B31_32DE_8743),
                spanID: SpanID(0xB891_4326_AAB2_3B38 &+ UInt64(index)),
                parentSpanID: index % 8 == 0 ? nil : SpanID(0xC19D_E15E_0629_B612 &+ UInt64(index)), flags: 256,
                name: "POST /api/v1/orders/{orderId}/checkout", kind: .server,
                startTimeUnixNano: 1_795_561_855_729_242_129 &+ UInt64(index) * 1000,
                endTimeUnixNano: 1_795_561_855_731_359_498 &+ UInt64(index) * 1000,
                attributes: attributes(index), status: SpanStatus(code: index % 17 == 0 ? .error : .unset))
        }
        let resource = Resource(attributes: [
            KeyValue("service.name", .string("checkout")), KeyValue("telemetry.sdk.language", .string("python")),
            KeyValue("telemetry.sdk.name", .string("opentelemetry")), KeyValue("telemetry.sdk.version", .string("1.45.2"))
        ])
        let scope = InstrumentationScope(name: "opentelemetry.instrumentation.flask", version: "0.54b0")
        return TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(scope: scope, spans: spans)])])
    }

    static func attributes(_ index: Int) -> [KeyValue] {
        [
            KeyValue("http.request.method", .string("POST")),
            KeyValue("http.route", .string("/api/v1/orders/{orderId}/checkout")),
            KeyValue("url.path", .string("/api/v1/orders/\(100_000 + index)/checkout")),
            KeyValue("http.response.status_code", .int(index % 17 == 0 ? 500 : 200)),
            KeyValue("server.address", .string("checkout.shop.svc.cluster.local")),
            KeyValue("server.port", .int(8080)),
            KeyValue("user_agent.original", .string("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36")),
            KeyValue("network.peer.address", .string("10.42.\(index % 255).\(index % 200)")),
            KeyValue("app.cart.total", .double(123.45 + Double(index))),
            KeyValue("app.retry", .bool(index % 3 == 0))
        ]
    }

    /// Best of five rounds, in MB/s (10^6 bytes per second).
    static func throughput(bytes: Int, iterations: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000)
        for _ in 0..<5 {
            best = min(best, try clock.measure { for _ in 0..<iterations { try body() } })
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        return Double(bytes * iterations) / seconds / 1e6
    }

    @Test func decodeThroughputAgainstFoundation() throws {
        let traces = Self.traces(spans: 2_000)
        let json = OTLPJSON.encode(traces)
        #expect(try OTLPJSON.decodeTraces(json).data == traces)
        let ours = try Self.throughput(bytes: json.count, iterations: 20) { _ = try OTLPJSON.decodeTraces(json) }
        let tree = try Self.throughput(bytes: json.count, iterations: 10) { _ = try JSONValue.parse(json) }
        let data = Data(json)
        let foundation = try Self.throughput(bytes: json.count, iterations: 5) {
            _ = try JSONDecoder().decode(CodableTraces.self, from: data)
        }
        print(
            """
            OTLP JSON decode, \(traces.spanCount) spans, \(json.count / traces.spanCount) B/span:
              OTLPJSON.decodeTraces  \(Int(ours)) MB/s
              JSONValue.parse        \(Int(tree)) MB/s
              Foundation JSONDecoder \(Int(foundation)) MB/s (Codable structs of the same shape)
            """)
    }
}

/// The same request shape through Codable, only as the baseline.
private struct CodableTraces: Decodable {
    struct ResourceSpans: Decodable { var resource: Resource?; var scopeSpans: [ScopeSpans]? }
    struct Resource: Decodable { var attributes: [Attribute]? }
    struct ScopeSpans: Decodable { var scope: Scope?; var spans: [Span]? }
    struct Scope: Decodable { var name: String?; var version: String? }
    struct Span: Decodable {
        var traceId: String; var spanId: String; var parentSpanId: String?; var flags: UInt32?; var name: String?
        var kind: Int?; var startTimeUnixNano: String?; var endTimeUnixNano: String?; var attributes: [Attribute]?
        var status: Status?
    }
    struct Status: Decodable { var code: Int?; var message: String? }
    struct Attribute: Decodable { var key: String; var value: Value }
    struct Value: Decodable { var stringValue: String?; var intValue: String?; var doubleValue: Double?; var boolValue: Bool? }
    var resourceSpans: [ResourceSpans]
}

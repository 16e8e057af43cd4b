import Foundation
import Testing
import TraceModel
import WireCodecs

/// Decode throughput of the OTLP protobuf decoder on a realistic request. Off by default (timing is not a
/// pass/fail matter: `tracetop-bench` owns performance); run it in release:
/// `TRACETOP_MEASURE=1 swift test -c release --filter ProtobufMeasurement`
/// Time is the thread's CPU time, so the figure is per core even on a busy machine.
@Suite("ProtobufMeasurement", .enabled(if: ProcessInfo.processInfo.environment["TRACETOP_MEASURE"] == "1"))
struct ProtobufMeasurement {
    /// 1000 spans from five services, ~10 attributes each (HTTP server and database client spans, a
    /// request-id array, every tenth span with an exception event): ~580 bytes a span, like real SDK output.
    static func traces(spans total: Int) -> TracesData {
        var random = Random(seed: 42)
        let services = ["frontend", "checkout", "payment", "inventory", "shipping"]
        let groups = services.map { service in
            let resource = Resource(attributes: [
                KeyValue("service.name", .string(service)), KeyValue("service.version", .string("1.4.2")),
                KeyValue("service.instance.id", .string("6c1db325-a89d-46dd-9864-\(random.next() % 1_000_000_000_000)")),
                KeyValue("deployment.environment.name", .string("production")),
                KeyValue("host.name", .string("ip-10-0-3-17.ec2.internal")),
                KeyValue("telemetry.sdk.name", .string("opentelemetry")), KeyValue("telemetry.sdk.language", .string("go")),
                KeyValue("telemetry.sdk.version", .string("1.32.0"))
            ])
            var spans: [Span] = []
            for index in 0..<(total / services.count) { spans.append(span(index, service: service, random: &random)) }
            let scope = InstrumentationScope(name: "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", version: "0.57.0")
            return ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(scope: scope, spans: spans)])
        }
        return TracesData(resourceSpans: groups)
    }

    static func span(_ index: Int, service: String, random: inout Random) -> Span {
        let events =
            index % 10 == 0
            ? [
                SpanEvent(
                    timeUnixNano: 1_732_490_000_000_500_000, name: "exception",
                    attributes: [
                        KeyValue("exception.type", .string("TimeoutError")),
                        KeyValue("exception.message", .string("upstream timed out after 2s"))
                    ])
            ] : []
        let start = 1_732_490_000_000_000_000 + UInt64(index) * 1000
        return Span(
            traceID: TraceID(high: random.next() | 1, low: random.next()), spanID: SpanID(random.next() | 1),
            parentSpanID: index % 5 == 0 ? nil : SpanID(random.next() | 1), flags: 0x301,
            name: index % 2 == 0 ? "GET /api/v1/orders/{id}" : "SELECT orders", kind: index % 2 == 0 ? .server : .client,
            startTimeUnixNano: start, endTimeUnixNano: start + 1_000_000,
            attributes: attributes(index, service: service, random: &random), events: events,
            status: SpanStatus(code: index % 17 == 0 ? .error : .unset)
        )
    }

    static func attributes(_ index: Int, service: String, random: inout Random) -> [KeyValue] {
        [
            KeyValue("http.request.method", .string(index % 3 == 0 ? "POST" : "GET")),
            KeyValue("url.path", .string("/api/v1/orders/\(random.next() % 100_000)")),
            KeyValue("http.route", .string("/api/v1/orders/{id}")),
            KeyValue("http.response.status_code", .int(index % 17 == 0 ? 500 : 200)),
            KeyValue("server.address", .string("\(service).shop.svc.cluster.local")),
            KeyValue("server.port", .int(8080)),
            index % 4 == 0
                ? KeyValue(
                    "db.query.text",
                    .string("SELECT id, status, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20"))
                : KeyValue("network.protocol.version", .string("1.1")),
            KeyValue("user_agent.original", .string("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0")),
            KeyValue("http.request.header.x-request-id", .array([.string("req-\(random.next())")])),
            KeyValue("sampling.ratio", .double(0.25))
        ]
    }

    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Best of five rounds, in MB/s (10^6 bytes per CPU second).
    static func throughput(bytes: Int, iterations: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        var best = Double.infinity
        for _ in 0..<5 {
            let start = threadCPUSeconds()
            for _ in 0..<iterations { try body() }
            best = min(best, threadCPUSeconds() - start)
        }
        return Double(bytes * iterations) / best / 1e6
    }

    @Test func decodeThroughput() throws {
        let traces = Self.traces(spans: 1_000)
        let protobuf = OTLPProtobuf.encode(traces)
        #expect(try OTLPProtobuf.decodeTraces(protobuf).data == traces)
        let json = OTLPJSON.encode(traces)
        let decode = try Self.throughput(bytes: protobuf.count, iterations: 200) { _ = try OTLPProtobuf.decodeTraces(protobuf) }
        let encode = Self.throughput(bytes: protobuf.count, iterations: 100) { _ = OTLPProtobuf.encode(traces) }
        let jsonDecode = try Self.throughput(bytes: json.count, iterations: 50) { _ = try OTLPJSON.decodeTraces(json) }
        let spansPerSecond = decode * 1e6 / Double(protobuf.count) * Double(traces.spanCount)
        print(
            """
            OTLP protobuf, \(traces.spanCount) spans, \(protobuf.count / traces.spanCount) B/span (JSON: \(json.count / traces.spanCount) B/span), per CPU second:
              OTLPProtobuf.decodeTraces \(Int(decode)) MB/s (\(Int(spansPerSecond)) spans/s)
              OTLPProtobuf.encode       \(Int(encode)) MB/s
              OTLPJSON.decodeTraces     \(Int(jsonDecode)) MB/s (same spans)
            """)
    }

    /// A small seeded generator (SplitMix64) so every run measures the same request.
    struct Random {
        private var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }
}

import Foundation
import Testing
import TraceModel
import TraceStore
import WireCodecs

/// The query API against a fixture data set, in the style of Jaeger's storage integration suite: the data is
/// `fixtures/query-suite/traces.json` + `logs.ndjson` (written by its make_fixture.py), the queries and their
/// expected answers are `fixtures/query-suite/queries.json`.
@Suite struct QueryAPITests {
    static let suite = Paths.fixtures.appendingPathComponent("query-suite")
    static let baseMicros: UInt64 = 1_795_521_600_000_000  // 2026-11-24T12:00:00Z

    static func traceHex(_ n: Int) -> String { String(format: "%016llx%016llx", 0xfeed, n) }

    static func expand(_ path: String) -> String {
        var path = path
        let values: [String: String] = [
            "{start}": String(baseMicros - 1000), "{end}": String(baseMicros + 300_000_000),
            "{t60s}": String(baseMicros + 59_000_000), "{t200s}": String(baseMicros + 200_000_000),
            "{endMs}": String((baseMicros + 300_000_000) / 1000),
            "{T1}": traceHex(1), "{T9}": traceHex(9), "{T1short}": "feed0000000000000001", "{T1S5}": "0000000100000005"
        ]
        for (placeholder, value) in values { path = path.replacingOccurrences(of: placeholder, with: value) }
        return path
    }

    static func loadFixture(into collector: LiveCollector) async throws {
        try await loadFixture(base: collector.base)
    }

    /// Into any collector (a process on PostgreSQL, say) at `base`.
    static func loadFixture(base: String) async throws {
        let traces = try Data(contentsOf: suite.appendingPathComponent("traces.json"))
        let response = try await HTTP.post(base + "/v1/traces", json: traces)
        #expect(response.text == "{}")
        let logs = try Data(contentsOf: suite.appendingPathComponent("logs.ndjson"))
        let logResponse = try await HTTP.send("POST", base + "/api/logs", body: logs, headers: ["Content-Type": "application/x-ndjson"])
        #expect(logResponse.text == #"{"accepted":4}"#)
    }

    @Test func everyQueryInTheQueriesFileAnswersAsExpected() async throws {
        try await LiveCollector.with { collector in
            let queries = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: Self.suite.appendingPathComponent("queries.json")))
                    as? [[String: Any]])
            #expect(queries.count > 40)
            try await Self.loadFixture(into: collector)
            for query in queries {
                try await Self.check(query, base: collector.base)
            }
        }
    }

    /// One query of the queries file against the collector at `base`.
    static func check(_ query: [String: Any], base: String) async throws {
        let name = query["name"] as! String
        let response = try await HTTP.get(base + expand(query["path"] as! String))
        let status = query["expectStatus"] as? Int ?? 200
        #expect(response.status == status, "\(name): status \(response.status) \(response.text)")
        let body = try #require(try response.json() as? [String: Any], "\(name): not a JSON object")
        #expect(
            body["data"] != nil && body["total"] != nil && body["limit"] != nil && body["offset"] != nil && body["errors"] != nil,
            "\(name): envelope")
        if let mention = query["expectErrorMentions"] as? String {
            let errors = body["errors"] as? [[String: Any]] ?? []
            let message = errors.first?["msg"] as? String ?? ""
            #expect(message.contains(mention), "\(name): error message '\(message)' should name \(mention)")
            #expect(errors.first?["code"] as? Int == status, "\(name): error code")
            return
        }
        let data = body["data"]
        if let expected = query["expectData"] {
            #expect((data as? NSObject)?.isEqual(expected) == true, "\(name): data \(String(describing: data))")
        }
        if let traces = query["expectTraces"] as? [Int] {
            let ids = (data as? [[String: Any]] ?? []).compactMap { $0["traceID"] as? String }
            #expect(ids == traces.map(traceHex), "\(name): got \(ids)")
        }
        if let traces = query["expectJaegerTraces"] as? [Int] {
            let ids = (data as? [[String: Any]] ?? []).compactMap { $0["traceID"] as? String }
            #expect(ids == traces.map(traceHex), "\(name): got \(ids)")
            if let count = query["expectSpanCount"] as? Int {
                #expect(((data as? [[String: Any]])?.first?["spans"] as? [Any])?.count == count, "\(name): span count")
            }
        }
        if let bodies = query["expectLogBodies"] as? [String] {
            let logs = (data as? [[String: Any]]) ?? ((data as? [String: Any])?["logs"] as? [[String: Any]]) ?? []
            #expect(logs.compactMap { $0["body"] as? String } == bodies, "\(name): got \(logs.map { $0["body"] ?? "" })")
        }
        if let traces = query["expectCorrelationTraces"] as? [Int] {
            let summaries = (data as? [String: Any])?["traces"] as? [[String: Any]] ?? []
            #expect(summaries.compactMap { $0["traceID"] as? String } == traces.map(traceHex), "\(name)")
        }
        if let latencies = query["expectLatency"] as? [[String: Any]] {
            let rows = data as? [[String: Any]] ?? []
            #expect(rows.count == latencies.count, "\(name): rows")
            for (row, expected) in zip(rows, latencies) {
                for (key, value) in expected {
                    #expect((row[key] as? NSObject)?.isEqual(value) == true, "\(name): \(key) = \(String(describing: row[key]))")
                }
            }
        }
    }

    /// Field names, JSON types and nesting of a trace match Jaeger's own UI fixture.
    @Test func jaegerTraceShapeMatchesJaegersFixture() async throws {
        try await LiveCollector.with { collector in
            let reference = try #require(
                try JSONSerialization.jsonObject(with: Paths.sample("reference/jaeger-v1-ui-trace-ui_01.json")) as? [String: Any])
            try await Self.loadFixture(into: collector)
            let response = try await HTTP.get(collector.base + "/api/traces/" + Self.traceHex(1))
            let trace = try #require(((try response.json() as? [String: Any])?["data"] as? [[String: Any]])?.first)
            #expect(Set(trace.keys) == Set(reference.keys))
            let referenceSpan = try #require((reference["spans"] as? [[String: Any]])?.first)
            let spans = try #require(trace["spans"] as? [[String: Any]])
            for span in spans {
                #expect(Set(span.keys) == Set(referenceSpan.keys), "span keys \(span.keys.sorted())")
                for (key, value) in referenceSpan where !(value is NSNull) {
                    #expect(Self.kind(span[key]) == Self.kind(value) || span[key] is NSNull, "span.\(key)")
                }
                for tag in span["tags"] as? [[String: Any]] ?? [] {
                    #expect(Set(tag.keys) == ["key", "type", "value"])
                    #expect(["string", "bool", "int64", "float64", "binary"].contains(tag["type"] as? String ?? ""))
                }
            }
            let referenceProcess = try #require((reference["processes"] as? [String: [String: Any]])?.values.first)
            for process in (trace["processes"] as? [String: [String: Any]] ?? [:]).values {
                #expect(Set(process.keys) == Set(referenceProcess.keys))
            }
            // OTLP specifics: parent → CHILD_OF, links → FOLLOWS_FROM, status → tags.
            let charge = try #require(spans.first { ($0["spanID"] as? String) == "0000000100000005" })
            let tags = charge["tags"] as? [[String: Any]] ?? []
            #expect(tags.contains { $0["key"] as? String == "error" && $0["value"] as? Bool == true })
            #expect(tags.contains { $0["key"] as? String == "otel.status_code" && $0["value"] as? String == "ERROR" })
            #expect(tags.contains { $0["key"] as? String == "span.kind" && $0["value"] as? String == "server" })
            #expect((charge["references"] as? [[String: Any]])?.first?["refType"] as? String == "CHILD_OF")
            let consumer = try await HTTP.get(collector.base + "/api/traces/" + Self.traceHex(4))
            let consumerSpan = try #require(
                (((try consumer.json() as? [String: Any])?["data"] as? [[String: Any]])?.first?["spans"] as? [[String: Any]])?.first)
            #expect((consumerSpan["references"] as? [[String: Any]])?.first?["refType"] as? String == "FOLLOWS_FROM")
        }
    }

    private static func kind(_ value: Any?) -> String {
        switch value {
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        case is NSNumber: return "number"
        case nil: return "missing"
        default: return "other"
        }
    }

    /// `?format=otlp` answers OTLP JSON that the collector accepts again unchanged.
    @Test func otlpExportIsAcceptedAgainUnchanged() async throws {
        let exported = try await LiveCollector.with { collector in
            try await Self.loadFixture(into: collector)
            let original = try await collector.store.trace(try #require(TraceID(hex: Self.traceHex(1))))
            let response = try await HTTP.get(collector.base + "/api/traces/" + Self.traceHex(1) + "?format=otlp")
            #expect(response.status == 200)
            return (original, response.body)
        }
        try await LiveCollector.with { collector in
            let response = try await HTTP.post(collector.base + "/v1/traces", json: exported.1)
            #expect(response.text == "{}")
            let again = try await collector.store.trace(try #require(TraceID(hex: Self.traceHex(1))))
            #expect(again.map(\.span) == exported.0.map(\.span))
            #expect(again.map(\.resource) == exported.0.map(\.resource))
            #expect(again.map(\.scope) == exported.0.map(\.scope))
        }
    }

    /// Percentiles through the API are within 1% of the exact ones computed here over thousands of spans.
    @Test func latencyPercentilesAreWithinOnePercentOfExact() async throws {
        try await LiveCollector.with { collector in
            var generator = SystemRandomNumberGenerator()
            var durations: [UInt64] = []
            var spans: [Span] = []
            let start = Self.baseMicros * 1000
            for n in 0..<4000 {
                let micros =
                    UInt64.random(in: 1...100, using: &generator) < 90
                    ? UInt64.random(in: 500...30_000, using: &generator) : UInt64.random(in: 30_000...5_000_000, using: &generator)
                durations.append(micros)
                let begin = start + UInt64(n) * 10_000_000
                spans.append(
                    Span(
                        traceID: TraceID(high: 7, low: UInt64(n + 1)), spanID: SpanID(1), name: "GET /items", kind: .server,
                        startTimeUnixNano: begin, endTimeUnixNano: begin + micros * 1000))
            }
            let resource = Resource(attributes: [KeyValue("service.name", .string("catalog"))])
            let body = OTLPJSON.encode(
                TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(spans: spans)])]))
            #expect(try await HTTP.post(collector.base + "/v1/traces", json: Data(body)).status == 200)
            let response = try await HTTP.get(
                collector.base + "/api/latency?service=catalog&start=\(Self.baseMicros)&end=\(Self.baseMicros + 60_000_000)&step=1m")
            let row = try #require(((try response.json() as? [String: Any])?["data"] as? [[String: Any]])?.first)
            #expect(row["count"] as? Int == 4000)
            let sorted = durations.sorted()
            for (key, percentile) in [("p50", 50.0), ("p75", 75), ("p90", 90), ("p95", 95), ("p99", 99)] {
                let exact = Double(sorted[Int((percentile / 100 * Double(sorted.count)).rounded(.up)) - 1])
                let measured = try #require(row[key] as? Double)
                #expect(abs(measured - exact) / exact <= 0.01, "\(key): \(measured) vs \(exact)")
            }
            #expect(row["max"] as? Int == Int(sorted.last!))
            #expect((row["series"] as? [Any])?.isEmpty == false)
        }
    }
}

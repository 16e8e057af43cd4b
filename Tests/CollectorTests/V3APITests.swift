import Foundation
import Testing
import TraceModel
import TraceStore
import WireCodecs

/// Jaeger's api_v3 over HTTP against the query-suite fixture (see QueryAPITests): every endpoint, both spellings
/// of every parameter, OTLP JSON's rules, Jaeger's error shape, and answers that agree with v1 on the same data.
@Suite struct V3APITests {
    static let hex = QueryAPITests.traceHex
    /// The fixture's window: v1 in microseconds, v3 in RFC 3339.
    static let v1Window = [("start", String(QueryAPITests.baseMicros - 1000)), ("end", String(QueryAPITests.baseMicros + 300_000_000))]
    static let v3Window = [("query.startTimeMin", "2026-11-24T11:59:59.999000000Z"), ("query.startTimeMax", "2026-11-24T12:05:00Z")]
    static let v3WindowSnake = [
        ("query.start_time_min", "2026-11-24T11:59:59.999000000Z"), ("query.start_time_max", "2026-11-24T12:05:00Z")
    ]

    /// A search parameter in its canonical and alias spellings, the v1 parameters that mean the same, and the
    /// fixture traces it finds (nil: only compared with v1).
    struct SearchCase: Sendable, CustomStringConvertible {
        var spellings: [String]
        var value: String
        var extra: [(String, String)] = []
        var v1: [(String, String)]
        var expected: Set<Int>?
        var description: String { spellings[0] }
    }

    static let searchCases: [SearchCase] = [
        SearchCase(spellings: ["query.serviceName", "query.service_name"], value: "orders", v1: [("service", "orders")], expected: [1, 3]),
        SearchCase(
            spellings: ["query.operationName", "query.operation_name", "query.spanName", "query.span_name"], value: "GET /products",
            extra: [("query.serviceName", "gateway")], v1: [("service", "gateway"), ("operation", "GET /products")], expected: [2]),
        SearchCase(
            spellings: ["query.attributes"], value: #"{"db.system.name":"postgresql"}"#,
            v1: [("tags", #"{"db.system.name":"postgresql"}"#)], expected: [3]),
        SearchCase(spellings: ["query.durationMin", "query.duration_min"], value: "500ms", v1: [("minDuration", "500ms")], expected: [3]),
        SearchCase(
            spellings: ["query.durationMax", "query.duration_max"], value: "100ms", v1: [("maxDuration", "100ms")], expected: [2, 4, 5, 6]),
        SearchCase(spellings: ["query.searchDepth", "query.search_depth", "query.num_traces"], value: "2", v1: [("limit", "2")]),
        SearchCase(spellings: ["query.rawTraces", "query.raw_traces"], value: "true", v1: [("limit", "100")], expected: [1, 2, 3, 4, 5, 6])
    ]

    @Test(arguments: searchCases) func searchParameterInEverySpellingAgreesWithV1(_ search: SearchCase) async throws {
        try await LiveCollector.with { live in
            try await QueryAPITests.loadFixture(into: live)
            let v1 = try V3.v1SpansPerTrace(
                try await HTTP.get(
                    live.base + "/api/traces?"
                        + V3.query(Self.v1Window + search.v1 + [("limit", "100")].filter { _ in !search.v1.contains { $0.0 == "limit" } })))
            if let expected = search.expected { #expect(Set(v1.keys) == Set(expected.map(Self.hex)), "v1 \(search)") }
            for spelling in search.spellings {
                for window in [Self.v3Window, Self.v3WindowSnake] {
                    let path = "/api/v3/traces?" + V3.query(window + search.extra + [(spelling, search.value)])
                    let answer = try await HTTP.get(live.base + path)
                    #expect(answer.status == 200, "\(path): \(answer.text.prefix(300))")
                    #expect(try V3.spansPerTrace(answer) == v1, "\(path) differs from v1")
                    let summaries = try await HTTP.get(
                        live.base + path.replacingOccurrences(of: "/api/v3/traces?", with: "/api/v3/trace-summaries?"))
                    let ids = ((try summaries.json() as? [String: Any])?["summaries"] as? [[String: Any]] ?? []).compactMap {
                        $0["traceId"] as? String
                    }
                    #expect(Set(ids) == Set(v1.keys), "summaries \(path)")
                }
            }
        }
    }

    @Test func servicesAndOperationsMatchV1() async throws {
        try await LiveCollector.with { live in
            try await QueryAPITests.loadFixture(into: live)
            let v1Services = (try await HTTP.get(live.base + "/api/services").json() as? [String: Any])?["data"] as? [String]
            let services = try await HTTP.get(live.base + "/api/v3/services")
            #expect(services.header("Content-Type") == "application/json")
            #expect((try services.json() as? [String: Any])?["services"] as? [String] == v1Services)
            #expect(v1Services?.contains("orders") == true)

            for (kindParameter, kind) in [("", ""), ("spanKind", "client"), ("span_kind", "client"), ("spanKind", "server")] {
                let suffix = kind.isEmpty ? "" : "&\(kindParameter)=\(kind)"
                let v1 =
                    (try await HTTP.get(
                        live.base + "/api/operations?service=orders" + suffix.replacingOccurrences(of: "span_kind", with: "spanKind")
                    ).json() as? [String: Any])?["data"] as? [[String: String]] ?? []
                let answer = try await HTTP.get(live.base + "/api/v3/operations?service=orders" + suffix)
                let operations = (try answer.json() as? [String: Any])?["operations"] as? [[String: String]] ?? []
                #expect(!operations.isEmpty, "\(suffix)")
                // v1 writes an unspecified kind as "", v3 as "internal" (Jaeger's gateway does).
                #expect(
                    operations == v1.map { ["name": $0["name"]!, "spanKind": $0["spanKind"] == "" ? "internal" : $0["spanKind"]!] },
                    "\(suffix)")
                if !kind.isEmpty { #expect(operations.allSatisfy { $0["spanKind"] == kind }) }
            }
        }
    }

    /// OTLP JSON's rules in a v3 trace: hex ids, 64-bit integers as strings, enums as integers; the same spans as v1.
    @Test func traceIsOTLPJSONWithTheSpansV1Has() async throws {
        try await LiveCollector.with { live in
            try await QueryAPITests.loadFixture(into: live)
            let v1 = try V3.v1SpansPerTrace(try await HTTP.get(live.base + "/api/traces/" + Self.hex(1)))
            let id = Self.hex(1)
            let base64 = Data((0..<16).map { UInt8(strtoul(String(Array(id)[($0 * 2)..<($0 * 2 + 2)]), nil, 16)) }).base64EncodedString()
            for path in [
                "/api/v3/traces/\(id)", "/api/v3/traces/\(id.uppercased())", "/api/v3/traces/" + V3.escape(base64),
                "/api/v3/traces/\(id)?startTime=2026-11-24T11:00:00Z&endTime=2026-11-24T13:00:00.5Z&rawTraces=true",
                "/api/v3/traces/\(id)?start_time=2026-11-24T11:00:00%2B01:00&end_time=2026-11-24T13:00:00Z&raw_traces=false"
            ] {
                let answer = try await HTTP.get(live.base + path)
                #expect(answer.status == 200, "\(path): \(answer.text.prefix(200))")
                #expect(try V3.spansPerTrace(answer) == v1, "\(path)")
            }
            let spans = try V3.spans(try await HTTP.get(live.base + "/api/v3/traces/\(id)"))
            #expect(spans.count == 6)
            for span in spans {
                #expect((span["traceId"] as? String) == id)
                #expect((span["spanId"] as? String)?.range(of: "^[0-9a-f]{16}$", options: .regularExpression) != nil)
                #expect((span["startTimeUnixNano"] as? String).flatMap(UInt64.init) != nil, "start time is a string")
                #expect((span["endTimeUnixNano"] as? String).flatMap(UInt64.init) != nil, "end time is a string")
                #expect(span["kind"] is NSNumber && !(span["kind"] is String), "kind is an integer")
            }
            let charge = try #require(spans.first { $0["spanId"] as? String == "0000000100000005" })
            #expect((charge["status"] as? [String: Any])?["code"] as? Int == 2)
            #expect(charge["kind"] as? Int == 2)
            #expect((charge["parentSpanId"] as? String) == "0000000100000004")
            let status = (charge["attributes"] as? [[String: Any]])?.first { $0["key"] as? String == "http.response.status_code" }
            #expect((status?["value"] as? [String: Any])?["intValue"] as? String == "500", "intValue is a string")
        }
    }

    /// Summaries as Jaeger shapes them, agreeing with v1's summaries on counts.
    @Test func summariesHaveJaegersShapeAndV1sCounts() async throws {
        try await LiveCollector.with { live in
            try await QueryAPITests.loadFixture(into: live)
            let answer = try await HTTP.get(live.base + "/api/v3/trace-summaries?" + V3.query(Self.v3Window))
            let summaries = try #require((try answer.json() as? [String: Any])?["summaries"] as? [[String: Any]])
            let v1 =
                (try await HTTP.get(live.base + "/api/trace-summaries?" + V3.query(Self.v1Window + [("limit", "100")])).json()
                as? [String: Any])?["data"] as? [[String: Any]] ?? []
            #expect(summaries.count == 6 && v1.count == 6)
            for summary in summaries {
                let id = try #require(summary["traceId"] as? String)
                let old = try #require(v1.first { $0["traceID"] as? String == id })
                #expect(summary["spanCount"] as? Int == old["spanCount"] as? Int, "\(id) spans")
                #expect(summary["errorSpanCount"] as? Int ?? 0 == old["errorCount"] as? Int, "\(id) errors")
                #expect((summary["minStartTimeUnixNano"] as? String).flatMap(UInt64.init) != nil)
                #expect((summary["maxEndTimeUnixNano"] as? String).flatMap(UInt64.init) != nil)
                let services = summary["services"] as? [[String: Any]] ?? []
                #expect(services.map { $0["name"] as? String ?? "" } == services.map { $0["name"] as? String ?? "" }.sorted())
                #expect(services.reduce(0) { $0 + ($1["spanCount"] as? Int ?? 0) } == summary["spanCount"] as? Int)
            }
            let first = try #require(summaries.first { $0["traceId"] as? String == Self.hex(1) })
            #expect(first["rootServiceName"] as? String == "gateway")
            #expect(first["rootOperationName"] as? String == "POST /checkout")
            #expect(first["orphanSpanCount"] == nil, "zero is left out")
            #expect(first["minStartTimeUnixNano"] as? String == String(QueryAPITests.baseMicros * 1000))
            #expect(first["maxEndTimeUnixNano"] as? String == String(QueryAPITests.baseMicros * 1000 + 120_000_000))
            // Trace 6 has a span whose parent never arrived: no root, one orphan.
            let orphaned = try #require(summaries.first { $0["traceId"] as? String == Self.hex(6) })
            #expect(orphaned["orphanSpanCount"] as? Int == 1)
            #expect(orphaned["rootServiceName"] == nil)

            let none = try await HTTP.get(
                live.base + "/api/v3/trace-summaries?" + V3.query(Self.v3Window + [("query.serviceName", "nobody")]))
            #expect(none.status == 200 && none.text == #"{"summaries":[]}"#, "\(none.text)")
        }
    }

    /// Each bad or missing parameter: 400 in grpc-gateway's shape, naming the parameter as it was spelled.
    static let badRequests: [(path: String, mentions: String)] = [
        ("/api/v3/traces", "query.startTimeMin and query.startTimeMax are required"),
        ("/api/v3/trace-summaries?query.start_time_min=2026-11-24T12:00:00Z", "query.startTimeMin and query.startTimeMax are required"),
        ("/api/v3/traces?query.startTimeMin=yesterday&query.startTimeMax=2026-11-24T12:05:00Z", "malformed parameter query.startTimeMin"),
        (
            "/api/v3/traces?query.start_time_min=2026-11-24&query.start_time_max=2026-11-24T12:05:00Z",
            "malformed parameter query.start_time_min"
        ),
        ("/api/v3/traces?query.startTimeMin=2026-11-24T12:00:00Z&query.startTimeMax=2026-11-24T12:00:00Z", "must be before"),
        ("/api/v3/traces?W&query.durationMin=fast", "malformed parameter query.durationMin"),
        ("/api/v3/traces?W&query.duration_max=100", "malformed parameter query.duration_max"),
        ("/api/v3/traces?W&query.durationMin=2s&query.durationMax=1s", "query.durationMin must not be larger"),
        ("/api/v3/traces?W&query.searchDepth=many", "malformed parameter query.searchDepth"),
        ("/api/v3/trace-summaries?W&query.num_traces=0", "malformed parameter query.num_traces"),
        ("/api/v3/traces?W&query.attributes=" + V3.escape("{not json"), "malformed parameter query.attributes"),
        ("/api/v3/traces?W&query.attributes=" + V3.escape(#"{"http.response.status_code":500}"#), "is not a string"),
        ("/api/v3/traces?W&query.raw_traces=maybe", "malformed parameter query.raw_traces"),
        ("/api/v3/traces?W&query.filter=" + V3.escape("{}"), "query.filter"),
        ("/api/v3/traces/not-a-trace-id!", "malformed parameter trace_id"),
        ("/api/v3/traces/\(hex(1))?startTime=noon", "malformed parameter startTime"),
        ("/api/v3/traces/\(hex(1))?end_time=noon", "malformed parameter end_time"),
        ("/api/v3/traces/\(hex(1))?rawTraces=maybe", "malformed parameter rawTraces"),
        ("/api/v3/operations", "malformed parameter service"),
        ("/api/v3/operations?service=orders&span_kind=sideways", "malformed parameter span_kind")
    ]

    @Test func badParametersAre400sAndEmptyResultsAre404s() async throws {
        try await LiveCollector.with { live in
            try await QueryAPITests.loadFixture(into: live)
            for (path, mentions) in Self.badRequests {
                let answer = try await HTTP.get(live.base + path.replacingOccurrences(of: "?W&", with: "?" + V3.query(Self.v3Window) + "&"))
                #expect(answer.status == 400, "\(path): \(answer.status)")
                let error = V3.error(answer)
                #expect(error.code == 400 && error.message.contains(mentions), "\(path): \(answer.text)")
            }
            for path in [
                "/api/v3/traces/" + Self.hex(99), "/api/v3/traces?" + V3.query(Self.v3Window + [("query.serviceName", "nobody")]),
                "/api/v3/traces?"
                    + V3.query([("query.startTimeMin", "2020-01-01T00:00:00Z"), ("query.startTimeMax", "2020-01-02T00:00:00Z")])
            ] {
                let answer = try await HTTP.get(live.base + path)
                #expect(answer.status == 404, "\(path)")
                #expect(V3.error(answer).code == 404 && V3.error(answer).message == "No traces found", "\(path): \(answer.text)")
            }
        }
    }

    /// demo-small sends each trace in several requests (one per service): v3 puts the pieces back together,
    /// exactly as v1 does.
    @Test func aTraceSentInSeveralRequestsIsOneTraceInV3() async throws {
        try await LiveCollector.with { live in
            let directory = Paths.fixtures.appendingPathComponent("demo-small")
            let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.lastPathComponent.contains("-traces-") }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            var requestsPerTrace: [String: Set<String>] = [:]
            for file in files {
                let body = try Data(contentsOf: file)
                #expect(try await HTTP.post(live.base + "/v1/traces", json: body).status == 200)
                for span in try OTLPJSON.decodeTraces([UInt8](body)).data.resourceSpans.flatMap({ $0.scopeSpans.flatMap(\.spans) }) {
                    requestsPerTrace[span.traceID.hex, default: []].insert(file.lastPathComponent)
                }
            }
            let split = requestsPerTrace.filter { $0.value.count >= 3 }.keys.sorted()
            #expect(split.count >= 10, "demo-small should have traces sent in 3+ requests")
            for id in split.prefix(10) {
                let v1 = try V3.v1SpansPerTrace(try await HTTP.get(live.base + "/api/traces/" + id))
                let v3 = try await HTTP.get(live.base + "/api/v3/traces/" + id)
                #expect(try V3.spansPerTrace(v3) == v1, "\(id)")
                let stored = try await live.store.trace(try #require(TraceID(hex: id))).count
                #expect(v1[id] == stored)
            }
            // A search over the whole run: the same traces and span counts as v1's.
            let window = [
                ("query.startTimeMin", "2025-12-31T23:59:59Z"), ("query.startTimeMax", "2026-01-01T00:10:00Z"),
                ("query.searchDepth", "1000")
            ]
            let v1 = try V3.v1SpansPerTrace(
                try await HTTP.get(live.base + "/api/traces?start=1767225599000000&end=1767226200000000&limit=1000"))
            let v3 = try V3.spansPerTrace(try await HTTP.get(live.base + "/api/v3/traces?" + V3.query(window)))
            #expect(v3.count >= 80 && v3 == v1)
        }
    }
}

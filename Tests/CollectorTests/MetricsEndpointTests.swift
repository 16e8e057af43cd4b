import Collector
import Foundation
import Testing
import TraceModel
import TraceStore

/// `/metrics` as Prometheus reads it: parsed by `prometheus_client`'s parser, counters that move by exactly what
/// was sent and refused, histograms in the shape Prometheus requires.
@Suite struct MetricsEndpointTests {
    static let spansBody = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
         "scopeSpans":[{"spans":[
          \((1...7).map { #"{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"00000000000000\#(String(format: "%02x", $0))","name":"ok","startTimeUnixNano":"1","endTimeUnixNano":"2"}"# }.joined(separator: ",")),
          {"traceId":"00000000000000000000000000000000","spanId":"eee19b7ec3c1b175","name":"zero trace"},
          {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"xyz","name":"bad span id"}]}]}]}
        """
    static let logsBody = """
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
         "scopeLogs":[{"logRecords":[{"timeUnixNano":"1","body":{"stringValue":"a"}},{"body":{"stringValue":"b"}},{"body":{"stringValue":"c"}}]}]}]}
        """
    static let ndjsonBody = "{\"msg\":\"one\",\"service\":\"lines\"}\n{\"msg\":\"two\",\"service\":\"lines\"}\nnot json\n"

    @Test func countersMoveByExactlyWhatWasSentAndRefused() async throws {
        try await LiveCollector.with { live in
            let before = try await PrometheusText.scrape(live.base)
            // Announced at 0 before the first request, so a rate() has a starting point.
            #expect(before.families.first { $0.name == "tracetop_accepted_spans" }?.samples.first?.value == 0)
            #expect(try await HTTP.post(live.base + "/v1/traces", json: Data(Self.spansBody.utf8)).status == 200)
            #expect(try await HTTP.post(live.base + "/v1/logs", json: Data(Self.logsBody.utf8)).status == 200)
            let lines = try await HTTP.send(
                "POST", live.base + "/api/logs", body: Data(Self.ndjsonBody.utf8), headers: ["Content-Type": "application/x-ndjson"])
            #expect(lines.status == 200, "\(lines.text)")
            #expect(try await HTTP.post(live.base + "/v1/traces", json: Data("{\"resourceSpans\":[".utf8)).status == 400)
            #expect(
                try await HTTP.send("POST", live.base + "/v1/traces", body: Data("x".utf8), headers: ["Content-Type": "text/plain"]).status
                    == 415)
            let after = try await PrometheusText.scrape(live.base)

            func delta(_ name: String, _ labels: [String: String]) -> Double { after.value(name, labels) - before.value(name, labels) }
            let http = ["transport": "http"]
            #expect(delta("tracetop_accepted_spans_total", http) == 7)
            #expect(delta("tracetop_refused_spans_total", http.merging(["reason": "invalid"]) { $1 }) == 2)
            #expect(delta("tracetop_accepted_log_records_total", http) == 3 + 2)
            #expect(delta("tracetop_refused_log_records_total", http.merging(["reason": "invalid"]) { $1 }) == 1)
            #expect(delta("tracetop_ingest_requests_total", http.merging(["result": "accepted"]) { $1 }) == 3)
            #expect(delta("tracetop_ingest_requests_total", http.merging(["result": "invalid"]) { $1 }) == 1)
            #expect(delta("tracetop_ingest_requests_total", http.merging(["result": "unsupported_media_type"]) { $1 }) == 1)
            // What was stored agrees with what the counters say.
            #expect(try await live.store.statistics().spanCount == 7)
            #expect(try await live.store.statistics().logCount == 5)
        }
    }

    @Test func familiesAreNamedAndHistogramsWellFormed() async throws {
        try await LiveCollector.with(configure: {
            $0.maxQueuedBytes = 12_345_678; $0.maxQueuedRequests = 321
        }) { live in
            #expect(try await HTTP.post(live.base + "/v1/traces", json: Data(Self.spansBody.utf8)).status == 200)
            #expect(try await HTTP.get(live.base + "/api/services").status == 200)
            #expect(try await HTTP.get(live.base + "/api/traces/5b8efff798038103d269b633813fc60c").status == 200)
            #expect(try await HTTP.get(live.base + "/no/such/route").status == 404)
            let metrics = try await PrometheusText.scrape(live.base)

            for family in metrics.families where family.name.hasPrefix("tracetop_") {
                #expect(!family.help.isEmpty, "\(family.name) has no HELP")
                if family.type == "counter" { #expect(family.samples.allSatisfy { $0.name.hasSuffix("_total") }, "\(family.name)") }
            }
            let histograms = metrics.families.filter { $0.type == "histogram" }
            #expect(
                Set(histograms.map(\.name)).isSuperset(of: [
                    "tracetop_http_request_duration_seconds", "tracetop_commit_duration_seconds", "tracetop_commit_batch_items"
                ]))
            for family in histograms { try Self.checkWellFormed(family) }

            func count(route: String) -> Double {
                metrics.value("tracetop_http_request_duration_seconds_count", ["route": route, "method": "GET", "code": "200"])
            }
            #expect(count(route: "/api/services") == 1)
            #expect(count(route: "/api/traces/{traceID}") == 1, "routes are labelled by pattern, not by path")
            #expect(metrics.value("tracetop_http_request_duration_seconds_count", ["route": "/v1/traces", "method": "POST"]) == 1)
            #expect(
                metrics.value("tracetop_http_request_duration_seconds_count", ["route": "NotFound", "code": "404"]) == 1,
                "\(metrics.family("tracetop_http_request_duration_seconds")?.samples.filter { $0.name.hasSuffix("_count") }.map(\.labels) ?? [])"
            )
            #expect(metrics.value("tracetop_commit_duration_seconds_count") >= 1)
            #expect(metrics.value("tracetop_commit_batch_items_sum") == 7)
            #expect(metrics.value("tracetop_ingest_queue_limit_bytes") == 12_345_678)
            #expect(metrics.value("tracetop_ingest_queue_limit_requests") == 321)
            #expect(metrics.family("tracetop_ingest_queue_bytes")?.type == "gauge")
            #expect(metrics.family("tracetop_ingest_queue_requests")?.type == "gauge")
            #expect(metrics.value("tracetop_database_size_bytes") > 0)
            #expect(metrics.family("tracetop_retention_deleted_rows")?.type == "counter")
        }
    }

    /// Buckets cumulative and ending at `+Inf` = `_count`, per label set.
    static func checkWellFormed(_ family: PrometheusText.Family) throws {
        var series: [[String: String]: [PrometheusText.Sample]] = [:]
        for sample in family.samples { series[sample.labels.filter { $0.key != "le" }, default: []].append(sample) }
        #expect(!series.isEmpty, "\(family.name) has no series")
        for (labels, samples) in series {
            let buckets = samples.filter { $0.name == family.name + "_bucket" }
            let bounds = buckets.map { $0.labels["le"] == "+Inf" ? Double.infinity : Double($0.labels["le"] ?? "") ?? .nan }
            #expect(bounds == bounds.sorted() && !bounds.contains { $0.isNaN }, "\(family.name)\(labels): bounds \(bounds)")
            let counts = buckets.map { $0.value ?? -1 }
            #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 }, "\(family.name)\(labels): not cumulative \(counts)")
            let count = samples.first { $0.name == family.name + "_count" }?.value
            #expect(
                bounds.last == .infinity && counts.last == count,
                "\(family.name)\(labels): +Inf \(counts.last ?? -1) vs count \(count ?? -1)")
            #expect((samples.first { $0.name == family.name + "_sum" }?.value ?? -1) >= 0)
        }
    }

    /// The health probes are open; `/metrics` wants the query token.
    @Test func healthIsOpenAndMetricsNeedsTheQueryToken() async throws {
        try await LiveCollector.with(configure: { $0.access = AccessTokens(ingest: "in", query: "q") }) { live in
            #expect(try await HTTP.get(live.base + "/healthz").status == 200)
            let ready = try await HTTP.get(live.base + "/readyz")
            #expect(ready.status == 200 && ready.text == "ready\n")
            #expect(try await HTTP.get(live.base + "/metrics").status == 401)
            #expect(try await HTTP.send("GET", live.base + "/metrics", headers: ["Authorization": "Bearer in"]).status == 401)
            _ = try await PrometheusText.scrape(live.base, token: "q")
            #expect(try await HTTP.get(live.base + "/api/v3/services").status == 401)
        }
    }

    /// A queue that can hold nothing is full: `/readyz` says so, `/healthz` does not care.
    @Test func readinessReportsAFullQueue() async throws {
        try await LiveCollector.with(configure: { $0.maxQueuedRequests = 0 }) { live in
            #expect(try await HTTP.get(live.base + "/healthz").status == 200)
            let ready = try await HTTP.get(live.base + "/readyz")
            #expect(ready.status == 503)
            #expect(ready.text.contains("the ingest queue is full: 0 of 0 requests"), "\(ready.text)")
        }
    }
}

/// Every ingest door reports under its own `transport` label: OTLP/gRPC and Zipkin beside OTLP/HTTP.
@Suite struct MetricsTransportTests {
    @Test func grpcAndZipkinAreCountedUnderTheirOwnTransport() async throws {
        try await LiveCollector.with { live in
            let before = try await PrometheusText.scrape(live.base)
            var malformed = RawGRPC.Call(bytes: [0x0a, 0x05, 0x01])
            malformed.headers = [:]
            let answers = try await RawGRPC.call(
                port: live.grpcPort, [RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 7, low: 7), count: 3)), malformed])
            #expect(answers.map(\.grpcStatus) == [0, 3], "\(answers.map(\.grpcMessage))")
            let zipkin =
                #"[{"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d312","name":"get","localEndpoint":{"serviceName":"legacy"},"timestamp":1,"duration":5},"#
                + #"{"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d313","parentId":"a2fb4a1d1a96d312","name":"db","localEndpoint":{"serviceName":"legacy"},"timestamp":2,"duration":1}]"#
            #expect(try await HTTP.post(live.base + "/api/v2/spans", json: Data(zipkin.utf8)).status == 202)
            #expect(try await HTTP.post(live.base + "/api/v2/spans", json: Data(#"[{"traceId":"xyz"}]"#.utf8)).status == 400)
            let after = try await PrometheusText.scrape(live.base)

            func delta(_ name: String, _ labels: [String: String]) -> Double { after.value(name, labels) - before.value(name, labels) }
            #expect(delta("tracetop_accepted_spans_total", ["transport": "grpc"]) == 3)
            #expect(delta("tracetop_ingest_requests_total", ["transport": "grpc", "result": "accepted"]) == 1)
            #expect(delta("tracetop_ingest_requests_total", ["transport": "grpc", "result": "invalid"]) == 1)
            #expect(delta("tracetop_accepted_spans_total", ["transport": "zipkin"]) == 2)
            #expect(delta("tracetop_ingest_requests_total", ["transport": "zipkin", "result": "accepted"]) == 1)
            #expect(delta("tracetop_ingest_requests_total", ["transport": "zipkin", "result": "invalid"]) == 1)
            #expect(delta("tracetop_accepted_spans_total", ["transport": "http"]) == 0)
            #expect(try await live.store.statistics().spanCount == 5)
        }
    }
}

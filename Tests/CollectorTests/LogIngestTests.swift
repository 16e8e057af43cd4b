import Foundation
import Testing
import TraceModel
import TraceStore
import WireCodecs

/// Logs over HTTP: OTLP samples, structured lines, and the correlation story end to end.
@Suite struct LogIngestTests {
    @Test func otlpLogSamplesAreStoredLinkedOrNot() async throws {
        try await LiveCollector.with { collector in
            #expect(
                try await HTTP.post(collector.base + "/v1/logs", json: try Paths.sample("real-sdk/python-json-logs.json")).status == 200)
            let lines = try String(
                contentsOf: Paths.samples.appendingPathComponent("reference/otel-demo-logs-sample.jsonl"), encoding: .utf8
            )
            .split(separator: "\n")
            for line in lines {
                let response = try await HTTP.post(collector.base + "/v1/logs", json: Data(line.utf8))
                #expect(response.status == 200, "\(response.text)")
            }
            let all = try await collector.store.logs(LogQuery(limit: 1000))
            #expect(all.count >= 2 + lines.count)
            // Demo records carry "traceId":"": stored, not linked.
            #expect(all.contains { $0.entry.serviceName == "currencyservice" && $0.entry.record.traceID == nil })
            // Real-SDK records without timeUnixNano fall back to their observed time.
            let sdk = all.filter { $0.entry.serviceName != "currencyservice" && $0.entry.record.traceID != nil }
            #expect(!sdk.isEmpty)
            for log in sdk {
                #expect(log.entry.timeUnixNano == log.entry.record.effectiveTimeUnixNano(receivedAt: log.entry.receivedTimeUnixNano))
            }
        }
    }

    @Test func badLinesAreReportedAndGoodLinesStored() async throws {
        try await LiveCollector.with { collector in
            let body = """
                {"ts":"2026-11-24T10:00:00.123Z","level":"warn","msg":"disk almost full","service":"ledger","correlation_id":"c-77","disk":{"free":"1%"}}
                not json at all
                {"time":1795560000123,"severity":"ERROR","message":"write failed","app":"ledger","request_id":"c-77"}
                [1,2,3]

                """
            let response = try await HTTP.send(
                "POST", collector.base + "/api/logs", body: Data(body.utf8), headers: ["Content-Type": "application/x-ndjson"])
            #expect(response.status == 200)
            let json = try #require(try response.json() as? [String: Any])
            #expect(json["accepted"] as? Int == 2)
            let lineErrors = try #require(json["lineErrors"] as? [[String: Any]])
            #expect(lineErrors.compactMap { $0["line"] as? Int } == [2, 4])
            let logs = try await collector.store.logs(LogQuery(correlationID: "c-77"))
            #expect(logs.map { $0.entry.record.body.stringValue } == ["disk almost full", "write failed"])
            #expect(logs.first?.entry.record.severityNumber == 13)
            #expect(logs.first?.entry.serviceName == "ledger")
            #expect(logs.first?.entry.record.attributes[key: "disk"] == .kvlist([KeyValue("free", .string("1%"))]))
            let wrongType = try await HTTP.send(
                "POST", collector.base + "/api/logs", body: Data("x".utf8), headers: ["Content-Type": "text/csv"])
            #expect(wrongType.status == 415)
        }
    }

    /// A gateway span carries the correlation header; a legacy service logs only that id as NDJSON; a consumer in
    /// another trace shares it. The store returns all of it for the id, and the legacy log for the gateway's trace.
    @Test func correlationIDTiesTracesAndLogsTogether() async throws {
        try await LiveCollector.with { collector in
            let gatewayTrace = TraceID(high: 0xaaaa, low: 1)
            let consumerTrace = TraceID(high: 0xbbbb, low: 2)
            let gateway = Span(
                traceID: gatewayTrace, spanID: SpanID(1), name: "POST /checkout", kind: .server,
                startTimeUnixNano: 1_732_490_000_000_000_000, endTimeUnixNano: 1_732_490_000_100_000_000,
                attributes: [KeyValue("http.request.header.x-correlation-id", .array([.string("corr-42")]))])
            let consumer = Span(
                traceID: consumerTrace, spanID: SpanID(2), name: "OrderPlaced process", kind: .consumer,
                startTimeUnixNano: 1_732_490_000_200_000_000, endTimeUnixNano: 1_732_490_000_300_000_000,
                attributes: [KeyValue("correlation_id", .string("corr-42"))],
                links: [SpanLink(traceID: gatewayTrace, spanID: SpanID(1))])
            let traces = TracesData(resourceSpans: [
                ResourceSpans(
                    resource: Resource(attributes: [KeyValue("service.name", .string("gateway"))]),
                    scopeSpans: [ScopeSpans(spans: [gateway])]),
                ResourceSpans(
                    resource: Resource(attributes: [KeyValue("service.name", .string("shipping"))]),
                    scopeSpans: [ScopeSpans(spans: [consumer])])
            ])
            #expect(try await HTTP.post(collector.base + "/v1/traces", json: Data(OTLPJSON.encode(traces))).status == 200)
            let legacy =
                #"{"timestamp":"2024-11-24T23:33:20.150Z","level":"info","msg":"ledger entry written","service":"ledger","x-correlation-id":"corr-42"}"#
            #expect(
                try await HTTP.send(
                    "POST", collector.base + "/api/logs", body: Data(legacy.utf8), headers: ["Content-Type": "application/x-ndjson"]
                ).status == 200)

            let summaries = try await collector.store.traceSummaries(TraceQuery(correlationID: "corr-42"))
            #expect(Set(summaries.map(\.traceID)) == [gatewayTrace, consumerTrace])
            let gatewayLogs = try await collector.store.logs(LogQuery(traceID: gatewayTrace))
            #expect(gatewayLogs.map { $0.entry.record.body.stringValue } == ["ledger entry written"])

            let api = try await HTTP.get(collector.base + "/api/correlations/corr-42")
            let data = try #require((try api.json() as? [String: Any])?["data"] as? [String: Any])
            #expect((data["traces"] as? [Any])?.count == 2)
            #expect(((data["logs"] as? [[String: Any]])?.first?["body"] as? String) == "ledger entry written")
        }
    }
}

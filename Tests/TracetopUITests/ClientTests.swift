import Foundation
import Testing
import TraceModel
import TracetopAPI
@testable import TracetopUI

@Suite("HTTP client: URLs and decoding")
struct ClientTests {
    let client = CollectorClient(baseURL: URL(string: "http://127.0.0.1:4318")!, token: "secret")

    /// `../shared/otlp-samples/` beside the clone, found from this file (CI clones with `shared/` beside it).
    static func sample(_ path: String, filePath: String = #filePath) throws -> Data {
        var root = URL(fileURLWithPath: filePath).resolvingSymlinksInPath()
        for _ in 0..<4 { root.deleteLastPathComponent() }  // TracetopUITests, Tests, the package
        return try Data(contentsOf: root.appendingPathComponent("shared/otlp-samples").appendingPathComponent(path))
    }

    @Test func summariesQueryCarriesTheFilter() throws {
        var query = TraceListQuery(
            filter: try TraceFilter.parse("service=billing op=POST+/charge dur>500ms dur<2s error corr=c-1 http.response.status_code=500"),
            lookback: .day, sort: .duration)
        query.limit = 50
        let url = client.url(for: .traceSummaries(query)).absoluteString
        #expect(
            url
                == "http://127.0.0.1:4318/api/trace-summaries?lookback=1d&limit=50&sort=duration&service=billing&operation=POST%2B/charge&minDuration=500000us&maxDuration=2000000us&error=true&correlationId=c-1&tag=http.response.status_code:500"
        )
    }

    @Test func pathSegmentsAreEscaped() {
        #expect(client.url(for: .correlation(id: "a/b?c#d e")).absoluteString == "http://127.0.0.1:4318/api/correlations/a%2Fb%3Fc%23d%20e")
        #expect(client.url(for: .trace(id: "abc")).absoluteString == "http://127.0.0.1:4318/api/traces/abc?format=otlp")
    }

    @Test func aBasePathIsKept() {
        let behindProxy = CollectorClient(baseURL: URL(string: "https://example.com/tracing/")!, token: nil)
        #expect(behindProxy.url(for: .latency(.hour)).absoluteString == "https://example.com/tracing/api/latency?lookback=1h&step=2m")
    }

    @Test(arguments: ["127.0.0.1:4318", "ftp://x", "http://", ""])
    func badCollectorURLsAreRefusedWithAnExample(text: String) {
        #expect(throws: ClientError.self) { try CollectorClient.baseURL(from: text) }
        do { _ = try CollectorClient.baseURL(from: text) } catch { #expect(error.message.contains("http://127.0.0.1:4318")) }
    }

    @Test func decodesARealSDKsTraceAsOTLP() throws {
        let body = try Self.sample("real-sdk/python-json-traces.json")
        let result = ResponseDecoder.decode(.trace(id: "x"), status: 200, body: body, path: "/api/traces/x")
        guard case .success(.trace(let detail)) = result else {
            Issue.record("expected a trace, got \(result)")
            return
        }
        #expect(!detail.spans.isEmpty)
        let tree = TraceTree(detail)
        #expect(tree.rows(collapsed: []).count == tree.count)
        #expect(tree.serviceNames.allSatisfy { $0 != "unknown_service" })
        #expect(detail.spans.contains { $0.kind != .unspecified })
        let garbage = ResponseDecoder.decode(.trace(id: "x"), status: 200, body: Data(#"{"data":[]}"#.utf8), path: "/api/traces/x")
        #expect(garbage == .failure(ClientError("trace x not found", collectorAnswered: true)))
    }

    @Test func decodesTheDocumentedShapes() {
        let summaries =
            #"{"data":[{"traceID":"ab","rootService":"gateway","rootOperation":"POST /checkout","startTime":1732490000000000,"duration":123456,"spanCount":12,"errorCount":1,"services":["billing","gateway"],"correlationIds":["c-123"]}],"total":1,"limit":20,"offset":0,"errors":null}"#
        #expect(
            ResponseDecoder.decode(.traceSummaries(TraceListQuery()), status: 200, body: Data(summaries.utf8), path: "/")
                == .success(
                    .summaries([
                        TraceSummaryRow(
                            traceID: "ab", rootService: "gateway", rootOperation: "POST /checkout", startTime: 1_732_490_000_000_000,
                            duration: 123_456, spanCount: 12, errorCount: 1, services: ["billing", "gateway"], correlationIds: ["c-123"])
                    ])))
        let logs =
            #"{"data":[{"timestamp":1,"timeUnixNano":"1000","service":"billing","severityNumber":17,"severityText":"ERROR","body":{"k":"v"},"traceID":"","spanID":"","correlationIds":["c-1"],"eventName":"","attributes":[{"key":"order.id","type":"string","value":"o-1"}]}]}"#
        guard case .success(.logs(let lines)) = ResponseDecoder.decode(.logs(LogListQuery()), status: 200, body: Data(logs.utf8), path: "/")
        else {
            Issue.record("logs did not decode")
            return
        }
        #expect(lines.first?.body == "{k=v}")
        #expect(lines.first?.attributes.first?.text == "o-1")
        let latency =
            #"{"data":[{"service":"billing","operation":"POST /charge","spanKind":"server","count":1200,"ratePerSecond":0.33,"errorCount":12,"errorRate":0.01,"p50":12000,"p75":15000,"p90":30000,"p95":45000,"p99":120000,"max":800000,"series":[{"start":1,"count":20,"errorCount":0,"p50":11000,"p95":40000,"p99":90000,"max":100000}]}]}"#
        guard case .success(.latency(let rows)) = ResponseDecoder.decode(.latency(.hour), status: 200, body: Data(latency.utf8), path: "/")
        else {
            Issue.record("latency did not decode")
            return
        }
        #expect(rows.first?.p95 == 45_000)
        #expect(rows.first?.series?.first?.p95 == 40_000)
    }

    @Test func errorEnvelopesAndGarbageBecomeClearErrors() {
        let notFound = #"{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}"#
        #expect(
            ResponseDecoder.decode(.trace(id: "ab"), status: 404, body: Data(notFound.utf8), path: "/api/traces/ab")
                == .failure(ClientError("HTTP 404 from /api/traces/ab: trace not found", collectorAnswered: true)))
        let garbage = ResponseDecoder.decode(
            .traceSummaries(TraceListQuery()), status: 200, body: Data(#"{"data":[{"traceID":5}]}"#.utf8), path: "/api/trace-summaries")
        guard case .failure(let error) = garbage else {
            Issue.record("garbage decoded")
            return
        }
        #expect(error.message.contains("unexpected JSON from /api/trace-summaries"))
        #expect(error.message.contains("[0].traceID"))
    }

    @Test func anUnreachableCollectorIsAnErrorValueNotACrash() async {
        // Port 1 on loopback: nothing listens there.
        let down = CollectorClient(baseURL: URL(string: "http://127.0.0.1:1")!, token: nil, timeout: 2)
        let result = await down.send(.traceSummaries(TraceListQuery()))
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(!error.collectorAnswered)
        #expect(error.message.contains("collector unreachable at http://127.0.0.1:1: connection refused"))
    }
}

@Suite("Filter syntax and durations")
struct FilterTests {
    @Test func theIssuesExampleParses() throws {
        let filter = try TraceFilter.parse("service=billing op=charge dur>500ms error corr=abc123 http.response.status_code=500")
        #expect(filter.service == "billing")
        #expect(filter.operation == "charge")
        #expect(filter.minDuration == 500_000)
        #expect(filter.errorsOnly)
        #expect(filter.correlationId == "abc123")
        #expect(filter.tags == ["http.response.status_code": "500"])
    }

    @Test func quotedValuesMayHoldSpaces() throws {
        let filter = try TraceFilter.parse(#"op="POST /api/checkout" service=gateway error"#)
        #expect(filter.operation == "POST /api/checkout")
        #expect(filter.service == "gateway")
        #expect(filter.errorsOnly)
        #expect(throws: FilterError.self) { try TraceFilter.parse(#"op="POST /api"#) }
    }

    @Test(arguments: ["dur>", "dur>5parsecs", "=x", "service=", "justaword"])
    func badWordsAreNamed(text: String) {
        do {
            _ = try TraceFilter.parse(text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.message.contains("'\(text)'"))
        }
    }

    @Test func logFiltersTakeWordsAsText() throws {
        let filter = try LogFilter.parse("service=billing sev>=warn card declined")
        #expect(filter.service == "billing")
        #expect(filter.minSeverity == "warn")
        #expect(filter.text == "card declined")
        #expect(throws: FilterError.self) { try LogFilter.parse("sev>=loud") }
    }

    @Test(
        arguments: [("500ms", 500_000), ("1.5s", 1_500_000), ("250us", 250), ("2m", 120_000_000), ("1h", 3_600_000_000), ("42", 42)]
            as [(String, Int64)])
    func durationsParse(text: String, micros: Int64) {
        #expect(DurationText.parse(text) == micros)
    }

    @Test(
        arguments: [
            (850, "850µs"), (12_345, "12.3ms"), (1_250_000, "1.25s"), (123_000, "123ms"), (123_000_000, "2m03s"), (7_200_000_000, "2h00m"),
            (-5, "0µs")
        ] as [(Int64, String)])
    func durationsFormat(micros: Int64, text: String) {
        #expect(DurationText.format(micros: micros) == text)
    }
}

import TracetopAPI
import Foundation
import Testing
import TraceModel
@testable import TracetopUI
import WireCodecs

@Suite("Offline trace files (--file) and :w")
struct OfflineFileTests {
    typealias F = Fixtures

    /// What the views read of a span, independent of tag order and declared types.
    static func essence(_ trace: TraceDetail) -> [String] {
        let tree = TraceTree(trace)
        return tree.spans.indices.map { index in
            let span = tree.spans[index]
            let tags = span.tags.map { "\($0.key)=\($0.text)" }.sorted().joined(separator: ",")
            let events = span.logs.map { "\($0.timestamp):" + $0.fields.map { "\($0.key)=\($0.text)" }.sorted().joined(separator: ",") }
            return
                "\(tree.serviceNames[index]) \(span.spanID)<\(span.parentSpanID ?? "-") \(span.operationName) \(span.startTime)+\(span.duration) [\(tags)] \(events) \(span.references.map(\.spanID)) \(span.kind.shortName) \(span.isError)"
        }.sorted()
    }

    @Test func aTraceWrittenWithWReadsBackTheSame() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-w-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try OfflineFile.write(F.checkout(), to: path)
        let offline = try OfflineFile.load(path: path)
        #expect(offline.traces.count == 1)
        #expect(Self.essence(offline.traces[F.traceID]!) == Self.essence(F.checkout()))
    }

    @Test func wInATraceAsksToSaveIt() {
        var state = F.openCheckout(width: 100, height: 30)
        let effects = F.press([.character(":")] + F.type("w /tmp/slow.json") + [.enter], on: &state)
        guard case .save(let trace, let path)? = effects.first else { Issue.record("expected a save, got \(effects)"); return }
        #expect(path == "/tmp/slow.json" && trace.spans.count == 7)
        _ = state.apply(.saved(path: path, error: nil))
        #expect(state.notice?.text.hasPrefix("wrote /tmp/slow.json") == true)
        F.press([.character(":")] + F.type("w") + [.enter], on: &state)
        #expect(state.prompt?.error?.contains("needs a file path") == true)
    }

    @Test func fileExporterLinesAreMergedPerTrace() throws {
        let checkout = F.checkout().otlp
        // The collector's file exporter writes one request per line; one trace may span several.
        let first = TracesData(resourceSpans: Array(checkout.resourceSpans.prefix(2)))
        let rest = TracesData(resourceSpans: Array(checkout.resourceSpans.dropFirst(2)))
        let bytes = OTLPJSON.encode(first) + Array("\n".utf8) + OTLPJSON.encode(rest) + Array("\n\n".utf8)
        let traces = try OfflineFile.decode(bytes, name: "dump.jsonl")
        let offline = OfflineTraces(name: "dump.jsonl", traces: traces)
        #expect(offline.traces.count == 1)
        #expect(offline.traces[F.traceID]?.spans.count == 7)
        #expect(throws: OfflineFile.LoadError.self) {
            try OfflineFile.decode(Array("{\"resourceSpans\":[]}\n{oops\n".utf8), name: "bad.jsonl")
        }
        do { _ = try OfflineFile.decode(Array("{\"resourceSpans\":[]}\n{oops\n".utf8), name: "bad.jsonl") } catch {
            #expect(error.description.hasPrefix("bad.jsonl line 2: not OTLP JSON traces"))
        }
    }

    @Test func otlpFilesTakeTheCollectorsPath() throws {
        // A 503 with an unset status: an error by the domain's rule, as the collector counts it.
        let json = #"""
            {"resourceSpans":[
              {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"web"}}]},"scopeSpans":[{"spans":[
                {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00000000000000a0","name":"GET /","kind":2,"startTimeUnixNano":"1732490000000000000","endTimeUnixNano":"1732490000005000000","attributes":[{"key":"http.response.status_code","value":{"intValue":"503"}}]}]}]},
              {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"db"}}]},"scopeSpans":[{"spans":[
                {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00000000000000a1","parentSpanId":"00000000000000a0","name":"SELECT","startTimeUnixNano":"1732490001000000000","endTimeUnixNano":"1732490001001000000"},
                {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00000000000000a1","parentSpanId":"00000000000000a0","name":"SELECT","startTimeUnixNano":"1732490001000000000","endTimeUnixNano":"1732490001001000000"}]}]}]}
            """#
        let offline = OfflineTraces(name: "trace.json", traces: try OfflineFile.decode(Array(json.utf8), name: "trace.json"))
        #expect(offline.summaries.map(\.rootOperation) == ["GET /"])
        guard case .success(.trace(let trace)) = offline.answer(.trace(id: F.traceID)) else { Issue.record("no trace"); return }
        // The span the file holds twice is read once.
        #expect(trace.spans.map(\.spanID) == ["00000000000000a0", "00000000000000a1"])
        #expect(trace.spans[0].isError && trace.spans[0].kind == .server)
        #expect(WhyLine(TraceTree(trace)).text.contains("503 Unavailable at web GET /"))
    }

    @Test func jaegerDownloadsAreRefusedWithTheWayToOTLP() {
        let json = #"{"data":[{"traceID":"4bf92f3577b34da6a3ce929d0e0e4736","spans":[],"processes":{}}],"total":0}"#
        #expect { try OfflineFile.decode(Array(json.utf8), name: "trace.json") } throws: {
            "\($0)".contains("trace.json looks like Jaeger JSON") && "\($0)".contains("?format=otlp")
        }
    }

    @Test func answersAsTheCollectorWould() {
        let offline = OfflineTraces(name: "f", traces: [F.checkout(), CompareTests.typical()])
        var query = TraceListQuery(sort: .duration)
        #expect(offline.summaries(query).map(\.duration) == [120_000, 60_000])
        query.filter.service = "email"
        #expect(offline.summaries(query).map(\.traceID) == [F.traceID])
        query.filter = TraceFilter()
        query.filter.minDuration = 100_000
        #expect(offline.summaries(query).count == 1)
        guard case .success(.latency(let rows)) = offline.answer(.latency(.hour)) else { Issue.record("no latency"); return }
        #expect(TypicalTrace.p50(rows, service: "gateway", operation: "POST /checkout") == 60_000)
        guard case .failure(let error) = offline.answer(.trace(id: "77777777777777777777777777777777")) else {
            Issue.record("found a trace not in the file"); return
        }
        #expect(error.message == "trace 77777777777777777777777777777777 is not in f")
        guard
            case .success(.histogram(let histogram)) = offline.answer(
                .histogram(service: "inventory", operation: "reserve", lookback: .hour))
        else { return }
        #expect(histogram.count == 2)
    }

    /// Performance is reported, not asserted (as LargeTraceTests): run with `-c release` for the real figure.
    @Test func a100kSpanFileOpens() throws {
        var spans: [Span] = []
        let traceCount = 100, perTrace = 1_000
        for trace in 0..<traceCount {
            let traceID = TraceID(high: 0x7ace, low: UInt64(trace + 1))
            for index in 0..<perTrace {
                spans.append(
                    Span(
                        traceID: traceID, spanID: SpanID(UInt64(index + 1)), parentSpanID: index == 0 ? nil : SpanID(UInt64(index / 2 + 1)),
                        name: "op-\(index % 50)", kind: .server, startTimeUnixNano: 1_732_490_000_000_000_000 + UInt64(index) * 1_000,
                        endTimeUnixNano: 1_732_490_000_000_000_000 + UInt64(index) * 1_000 + 500_000,
                        attributes: [KeyValue("http.route", .string("/api/items/{id}")), KeyValue("http.response.status_code", .int(200))]))
            }
        }
        let data = TracesData(resourceSpans: [
            ResourceSpans(
                resource: Resource(attributes: [KeyValue("service.name", .string("shop"))]), scopeSpans: [ScopeSpans(spans: spans)])
        ])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-100k-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(OTLPJSON.encode(data)).write(to: URL(fileURLWithPath: path))
        let clock = ContinuousClock()
        let start = clock.now
        let offline = try OfflineFile.load(path: path)
        let elapsed = clock.now - start
        #expect(offline.spanCount == 100_000)
        #expect(offline.traces.count == traceCount)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let decodeStart = clock.now
        let decoded = try OTLPJSON.decodeTraces(bytes)
        let convertStart = clock.now
        let details = TraceDetail.traces(from: decoded.data)
        let indexStart = clock.now
        _ = OfflineTraces(name: "x", traces: details)
        print(
            "offline file: 100,000 spans opened in \(elapsed) (OTLP decode \(convertStart - decodeStart), to trace values \(indexStart - convertStart), summaries and latency \(clock.now - indexStart))"
        )
    }
}

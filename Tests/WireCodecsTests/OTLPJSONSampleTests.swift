@testable import JSONToolkit
import Testing
@testable import TraceModel
@testable import WireCodecs

/// Real requests (Python SDK), the specification's examples and OpenTelemetry demo bodies decode to what they say.
@Suite("OTLP JSON samples")
struct OTLPJSONSampleTests {
    @Test func pythonSDKTracesFieldByField() throws {
        let decoded = try OTLPJSON.decodeTraces(try OTLPJSONSamples.bytes("real-sdk/python-json-traces.json"))
        #expect(decoded.rejected.count == 0)
        let resourceSpans = try #require(decoded.data.resourceSpans.first)
        #expect(decoded.data.resourceSpans.count == 1)
        #expect(resourceSpans.resource.serviceName == "probe-json")
        #expect(resourceSpans.resource.attributes.count == 7)
        #expect(resourceSpans.resource.attributes[key: "service.instance.id"] == .string("a6a2c1fe-6877-42a4-a82e-6912408f6ef6"))
        let scopeSpans = try #require(resourceSpans.scopeSpans.first)
        #expect(scopeSpans.scope == InstrumentationScope(name: "probe.tracer", version: "0.1.0"))
        #expect(scopeSpans.spans.count == 3)
        let trace = try #require(TraceID(hex: "90314cf5bd862a3eec8a4b3132de8743"))
        let root = try #require(SpanID(hex: "c19de15e0629b612"))

        // Children arrive first, as real SDKs send them.
        let query = scopeSpans.spans[0]
        #expect(query.traceID == trace)
        #expect(query.spanID == SpanID(hex: "b8914326aab23b38"))
        #expect(query.parentSpanID == root)
        #expect(query.flags == 256)
        #expect(query.name == "db.query")
        #expect(query.kind == .client)
        #expect(query.startTimeUnixNano == 1_795_561_855_729_242_129)
        #expect(query.endTimeUnixNano == 1_795_561_855_731_359_498)
        #expect(query.attributes == [KeyValue("db.system.name", .string("sqlite")), KeyValue("db.rows", .int(3))])
        #expect(query.status == SpanStatus())

        let charge = scopeSpans.spans[1]
        #expect(charge.kind == .internal)
        #expect(charge.status == SpanStatus(code: .error, message: "charge failed"))
        let exception = try #require(charge.events.first)
        #expect(charge.events.count == 1)
        #expect(exception.name == "exception")
        #expect(exception.timeUnixNano == 1_795_561_855_731_919_444)
        #expect(exception.attributes[key: "exception.type"] == .string("TimeoutError"))
        #expect(exception.attributes[key: "exception.message"] == .string("upstream timed out after 2s"))
        let stack = try #require(exception.attributes[key: "exception.stacktrace"]?.stringValue)
        #expect(stack.hasPrefix("Traceback (most recent call last):\n  File \"/srv/shop/api/handle.py\", line 59"))
        #expect(stack.hasSuffix("TimeoutError: upstream timed out after 2s\n"))
        #expect(exception.attributes[key: "attempt"] == .int(2))

        let server = scopeSpans.spans[2]
        #expect(server.spanID == root)
        #expect(server.parentSpanID == nil)
        #expect(server.kind == .server)
        #expect(server.name == "GET /checkout")
        #expect(server.durationNanos == 1_795_561_855_732_232_451 - 1_795_561_855_729_194_037)
        #expect(
            server.attributes == [
                KeyValue("http.request.method", .string("GET")),
                KeyValue("http.response.status_code", .int(500)),
                KeyValue("retry", .bool(true)),
                KeyValue("sampling.ratio", .double(0.25)),
                KeyValue("tags", .array([.string("a"), .string("b")])),
                KeyValue("ports", .array([.int(80), .int(443)])),
                KeyValue("weights", .array([.double(0.5), .double(1.5)])),
                KeyValue("flags", .array([.bool(true), .bool(false)]))
            ])
    }

    @Test func byteOrderMarkBeforeARealRequest() throws {
        let bytes = try OTLPJSONSamples.bytes("real-sdk/python-json-traces.json")
        #expect(try OTLPJSON.decodeTraces([0xEF, 0xBB, 0xBF] + bytes).data == OTLPJSON.decodeTraces(bytes).data)
    }

    @Test func gzippedTwinDecodesToTheSameShape() throws {
        let decoded = try OTLPJSON.decodeTraces(try OTLPJSONSamples.gunzipped("real-sdk/python-json-traces.json.gz"))
        #expect(decoded.rejected.count == 0)
        let spans = decoded.data.resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans)
        #expect(spans.map(\.name) == ["db.query", "payment.charge", "GET /checkout"])
        #expect(spans.map(\.kind) == [.client, .internal, .server])
        #expect(Set(spans.map(\.traceID)).count == 1)
        #expect(spans[2].parentSpanID == nil && spans[0].parentSpanID == spans[2].spanID)
        #expect(spans[1].events.first?.name == "exception")
        #expect(spans[1].status.code == .error)
    }

    @Test func pythonSDKLogsFieldByField() throws {
        let decoded = try OTLPJSON.decodeLogs(try OTLPJSONSamples.bytes("real-sdk/python-json-logs.json"))
        #expect(decoded.rejected.count == 0)
        let resourceLogs = try #require(decoded.data.resourceLogs.first)
        #expect(resourceLogs.resource.serviceName == "probe-json")
        #expect(resourceLogs.scopeLogs.map(\.scope.name) == ["probe.app", "probe.events"])
        let warning = try #require(resourceLogs.scopeLogs[0].logRecords.first)
        #expect(warning.timeUnixNano == 1_795_561_855_731_987_200)
        #expect(warning.observedTimeUnixNano == 1_795_561_855_732_098_511)
        #expect(warning.severityNumber == 13)
        #expect(warning.severityText == "WARN")
        #expect(warning.body == .string("checkout failed for user u-42"))
        #expect(warning.attributes[key: "order.id"] == .int(1234))
        #expect(warning.attributes[key: "amount"] == .double(9.99))
        #expect(warning.flags == 3)
        #expect(warning.traceID == TraceID(hex: "90314cf5bd862a3eec8a4b3132de8743"))
        #expect(warning.spanID == SpanID(hex: "c19de15e0629b612"))

        let event = try #require(resourceLogs.scopeLogs[1].logRecords.first)
        #expect(event.timeUnixNano == 0)  // real SDKs omit it: observed time stands in
        #expect(event.effectiveTimeUnixNano(receivedAt: 1) == 1_795_561_855_732_209_146)
        #expect(event.severityNumber == 17)
        #expect(event.eventName == "checkout.failed")
        #expect(
            event.body
                == .kvlist([
                    KeyValue("msg", .string("structured body")),
                    KeyValue("items", .array([.int(1), .int(2)])),
                    KeyValue("ok", .bool(false))
                ]))
    }

    @Test func specificationTraceExampleWithUppercaseHex() throws {
        let decoded = try OTLPJSON.decodeTraces(try OTLPJSONSamples.bytes("reference/otlp-proto-trace.json"))
        let group = try #require(decoded.data.resourceSpans.first?.scopeSpans.first)
        #expect(group.scope.attributes == [KeyValue("my.scope.attribute", .string("some scope attribute"))])
        let span = try #require(group.spans.first)
        #expect(span.traceID.hex == "5b8efff798038103d269b633813fc60c")
        #expect(span.spanID.hex == "eee19b7ec3c1b174")
        #expect(span.parentSpanID?.hex == "eee19b7ec3c1b173")
        #expect(span.name == "I'm a server span")
        #expect(span.kind == .server)
        #expect(span.startTimeUnixNano == 1_544_712_660_000_000_000)
        #expect(span.durationNanos == 1_000_000_000)
    }

    @Test func specificationLogAndEventExamples() throws {
        let logs = try OTLPJSON.decodeLogs(try OTLPJSONSamples.bytes("reference/otlp-proto-logs.json"))
        let record = try #require(logs.data.resourceLogs.first?.scopeLogs.first?.logRecords.first)
        #expect(record.traceID?.hex == "5b8efff798038103d269b633813fc60c")
        #expect(record.spanID?.hex == "eee19b7ec3c1b174")
        #expect(record.severityNumber == 10)
        #expect(
            record.attributes.map(\.value) == [
                .string("some string"), .bool(true), .int(10), .double(637.704),
                .array([.string("many"), .string("values")]),
                .kvlist([KeyValue("some.map.key", .string("some value"))])
            ])

        let events = try OTLPJSON.decodeLogs(try OTLPJSONSamples.bytes("reference/otlp-proto-events.json"))
        let event = try #require(events.data.resourceLogs.first?.scopeLogs.first?.logRecords.first)
        #expect(event.eventName == "browser.page_view")
        #expect(event.traceID == nil)
        guard case .kvlist(let body) = event.body else { Issue.record("body is not a kvlist"); return }
        #expect(body.map(\.key) == ["type", "url", "referrer", "title"])
        #expect(body[key: "type"] == .int(0))
    }

    @Test func otelDemoTraceRequests() throws {
        let lines = try OTLPJSONSamples.lines("reference/otel-demo-traces-sample.jsonl")
        #expect(lines.count == 5)
        var spans: [Span] = []
        for line in lines {
            let decoded = try OTLPJSON.decodeTraces(line)
            #expect(decoded.rejected.count == 0)
            for group in decoded.data.resourceSpans {
                #expect(group.resource.serviceName != "unknown_service")
                spans += group.scopeSpans.flatMap(\.spans)
            }
        }
        #expect(spans.count > 5)
        #expect(spans.allSatisfy { $0.traceID.isValid && $0.spanID.isValid })
        #expect(spans.contains { !$0.links.isEmpty })
        #expect(spans.contains { $0.flags == 768 })
        #expect(spans.contains { $0.status.code == .error })
        #expect(spans.contains { $0.events.contains { $0.name == "exception" && $0.attributes[key: "exception.message"] != nil } })
        // The same bytes through the generic tree agree on the span count.
        for line in lines {
            let tree = try line.withUnsafeBytes { try JSONValue.parse($0) }
            guard case .object(let request) = tree, case .array(let groups)? = request["resourceSpans"] else {
                Issue.record("no resourceSpans")
                continue
            }
            let fromTree = groups.reduce(0) { sum, group in
                guard case .object(let group) = group, case .array(let scopes)? = group["scopeSpans"] else { return sum }
                return sum
                    + scopes.reduce(0) { inner, scope in
                        guard case .object(let scope) = scope, case .array(let spans)? = scope["spans"] else { return inner }
                        return inner + spans.count
                    }
            }
            #expect(try OTLPJSON.decodeTraces(line).data.spanCount == fromTree)
        }
    }

    @Test func otelDemoLogRequestsWithEmptyIds() throws {
        let lines = try OTLPJSONSamples.lines("reference/otel-demo-logs-sample.jsonl")
        #expect(lines.count == 2)
        var records: [LogRecord] = []
        for line in lines {
            let decoded = try OTLPJSON.decodeLogs(line)
            #expect(decoded.rejected.count == 0)
            records += decoded.data.resourceLogs.flatMap(\.scopeLogs).flatMap(\.logRecords)
        }
        let listening = try #require(records.first)
        #expect(listening.body == .string("Currency Server listening on port: 0.0.0.0:7001"))
        #expect(listening.traceID == nil && listening.spanID == nil)  // "traceId":"" is "not linked"
        #expect(listening.severityNumber == 9)
        #expect(listening.observedTimeUnixNano == 1_730_291_041_637_024_540)
        #expect(records.count >= 2)
    }

    @Test(arguments: ["real-sdk/python-json-traces.json", "reference/otlp-proto-trace.json"])
    func samplesRoundTripThroughTheEncoder(path: String) throws {
        let decoded = try OTLPJSON.decodeTraces(try OTLPJSONSamples.bytes(path)).data
        let encoded = OTLPJSON.encode(decoded)
        #expect(try OTLPJSON.decodeTraces(encoded).data == decoded)
    }

    @Test(arguments: ["real-sdk/python-json-logs.json", "reference/otlp-proto-logs.json", "reference/otlp-proto-events.json"])
    func logSamplesRoundTripThroughTheEncoder(path: String) throws {
        let decoded = try OTLPJSON.decodeLogs(try OTLPJSONSamples.bytes(path)).data
        #expect(try OTLPJSON.decodeLogs(OTLPJSON.encode(decoded)).data == decoded)
    }

    @Test func everyTruncationOfARealRequestIsAnErrorNotACrash() throws {
        let bytes = try OTLPJSONSamples.bytes("real-sdk/python-json-traces.json")
        for length in 0..<bytes.count {
            #expect(throws: OTLPDecodingError.self) { try OTLPJSON.decodeTraces(Array(bytes[0..<length])) }
        }
    }
}

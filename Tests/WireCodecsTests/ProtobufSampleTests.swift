import Testing
import TraceModel
import WireCodecs

/// The captured Python SDK requests: the protobuf captures must decode to what their JSON twins say.
@Suite struct ProtobufSampleTests {
    /// `python-json-traces.json`, written out by hand as model values (ids, times as in that file).
    static let jsonTwinTraces: TracesData = {
        let trace = TraceID(hex: "90314cf5bd862a3eec8a4b3132de8743")!
        let root = SpanID(hex: "c19de15e0629b612")!
        let resource = Resource(attributes: [
            KeyValue("telemetry.sdk.language", .string("python")),
            KeyValue("telemetry.sdk.name", .string("opentelemetry")),
            KeyValue("telemetry.sdk.version", .string("1.45.2")),
            KeyValue("service.instance.id", .string("a6a2c1fe-6877-42a4-a82e-6912408f6ef6")),
            KeyValue("service.name", .string("probe-json")),
            KeyValue("service.version", .string("0.1.0")),
            KeyValue("deployment.environment.name", .string("dev"))
        ])
        let stacktrace =
            "Traceback (most recent call last):\n  File \"/srv/shop/api/handle.py\", line 59, in <module>\n"
            + "    raise TimeoutError(\"upstream timed out after 2s\")\nTimeoutError: upstream timed out after 2s\n"
        let spans = [
            Span(
                traceID: trace, spanID: SpanID(hex: "b8914326aab23b38")!, parentSpanID: root, flags: 256, name: "db.query",
                kind: .client, startTimeUnixNano: 1_795_561_855_729_242_129, endTimeUnixNano: 1_795_561_855_731_359_498,
                attributes: [KeyValue("db.system.name", .string("sqlite")), KeyValue("db.rows", .int(3))]
            ),
            Span(
                traceID: trace, spanID: SpanID(hex: "7bc8ae2d6f2052b0")!, parentSpanID: root, flags: 256,
                name: "payment.charge", kind: .internal, startTimeUnixNano: 1_795_561_855_731_434_070,
                endTimeUnixNano: 1_795_561_855_731_939_584,
                events: [
                    SpanEvent(
                        timeUnixNano: 1_795_561_855_731_919_444, name: "exception",
                        attributes: [
                            KeyValue("exception.type", .string("TimeoutError")),
                            KeyValue("exception.message", .string("upstream timed out after 2s")),
                            KeyValue("exception.stacktrace", .string(stacktrace)),
                            KeyValue("exception.escaped", .string("False")),
                            KeyValue("attempt", .int(2))
                        ])
                ],
                status: SpanStatus(code: .error, message: "charge failed")
            ),
            Span(
                traceID: trace, spanID: root, flags: 256, name: "GET /checkout", kind: .server,
                startTimeUnixNano: 1_795_561_855_729_194_037, endTimeUnixNano: 1_795_561_855_732_232_451,
                attributes: [
                    KeyValue("http.request.method", .string("GET")),
                    KeyValue("http.response.status_code", .int(500)),
                    KeyValue("retry", .bool(true)),
                    KeyValue("sampling.ratio", .double(0.25)),
                    KeyValue("tags", .array([.string("a"), .string("b")])),
                    KeyValue("ports", .array([.int(80), .int(443)])),
                    KeyValue("weights", .array([.double(0.5), .double(1.5)])),
                    KeyValue("flags", .array([.bool(true), .bool(false)]))
                ]
            )
        ]
        let scope = InstrumentationScope(name: "probe.tracer", version: "0.1.0")
        return TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(scope: scope, spans: spans)])])
    }()

    /// `python-json-logs.json`, written out by hand.
    static let jsonTwinLogs: LogsData = {
        let trace = TraceID(hex: "90314cf5bd862a3eec8a4b3132de8743")!
        let span = SpanID(hex: "c19de15e0629b612")!
        let resource = jsonTwinTraces.resourceSpans[0].resource
        let warn = LogRecord(
            timeUnixNano: 1_795_561_855_731_987_200, observedTimeUnixNano: 1_795_561_855_732_098_511, severityNumber: 13,
            severityText: "WARN", body: .string("checkout failed for user u-42"),
            attributes: [
                KeyValue("order.id", .int(1234)), KeyValue("amount", .double(9.99)),
                KeyValue("code.file.path", .string("/srv/shop/api/handle.py")),
                KeyValue("code.function.name", .string("<module>")), KeyValue("code.line.number", .int(64))
            ],
            flags: 3, traceID: trace, spanID: span
        )
        let event = LogRecord(
            observedTimeUnixNano: 1_795_561_855_732_209_146, severityNumber: 17, severityText: "ERROR",
            body: .kvlist([
                KeyValue("msg", .string("structured body")), KeyValue("items", .array([.int(1), .int(2)])),
                KeyValue("ok", .bool(false))
            ]),
            attributes: [KeyValue("component", .string("checkout")), KeyValue("count", .int(7))],
            flags: 3, traceID: trace, spanID: span, eventName: "checkout.failed"
        )
        return LogsData(resourceLogs: [
            ResourceLogs(
                resource: resource,
                scopeLogs: [
                    ScopeLogs(scope: InstrumentationScope(name: "probe.app"), logRecords: [warn]),
                    ScopeLogs(scope: InstrumentationScope(name: "probe.events", version: "0.1.0"), logRecords: [event])
                ])
        ])
    }()

    @Test func tracesDecodeToTheirJSONTwin() throws {
        let decoded = try OTLPProtobuf.decodeTraces(try OTLPJSONSamples.bytes("real-sdk/python-protobuf-traces.bin"))
        #expect(decoded.rejected.count == 0)
        var protobufSide = SampleNormalizer(), jsonSide = SampleNormalizer()
        #expect(protobufSide.traces(decoded.data) == jsonSide.traces(Self.jsonTwinTraces))
    }

    @Test func logsDecodeToTheirJSONTwin() throws {
        let decoded = try OTLPProtobuf.decodeLogs(try OTLPJSONSamples.bytes("real-sdk/python-protobuf-logs.bin"))
        #expect(decoded.rejected.count == 0)
        var protobufSide = SampleNormalizer(), jsonSide = SampleNormalizer()
        #expect(protobufSide.logs(decoded.data) == jsonSide.logs(Self.jsonTwinLogs))
    }

    /// The same comparison against the JSON decoder's reading of the JSON twin (not just the hand-written copy).
    @Test func tracesDecodeLikeTheJSONDecoderReadsTheTwin() throws {
        let protobuf = try OTLPProtobuf.decodeTraces(try OTLPJSONSamples.bytes("real-sdk/python-protobuf-traces.bin"))
        let json = try OTLPJSON.decodeTraces(try OTLPJSONSamples.bytes("real-sdk/python-json-traces.json"))
        var protobufSide = SampleNormalizer(), jsonSide = SampleNormalizer()
        #expect(protobufSide.traces(protobuf.data) == jsonSide.traces(json.data))
        #expect(json.data == Self.jsonTwinTraces)
        #expect(protobuf.rejected == json.rejected)
    }

    @Test func logsDecodeLikeTheJSONDecoderReadsTheTwin() throws {
        let protobuf = try OTLPProtobuf.decodeLogs(try OTLPJSONSamples.bytes("real-sdk/python-protobuf-logs.bin"))
        let json = try OTLPJSON.decodeLogs(try OTLPJSONSamples.bytes("real-sdk/python-json-logs.json"))
        var protobufSide = SampleNormalizer(), jsonSide = SampleNormalizer()
        #expect(protobufSide.logs(protobuf.data) == jsonSide.logs(json.data))
        #expect(json.data == Self.jsonTwinLogs)
    }

    /// The gzip capture is the same request (the collector decompresses; here the system's gzip does).
    @Test func gzipCaptureDecodesLikeThePlainOne() throws {
        let plain = try OTLPJSONSamples.bytes("real-sdk/python-protobuf-traces.bin")
        let unzipped = try OTLPJSONSamples.gunzipped("real-sdk/python-protobuf-traces.bin.gz")
        #expect(try OTLPProtobuf.decodeTraces(unzipped).data.spanCount == 3)
        var left = SampleNormalizer(), right = SampleNormalizer()
        #expect(left.traces(try OTLPProtobuf.decodeTraces(unzipped).data) == right.traces(try OTLPProtobuf.decodeTraces(plain).data))
    }

    /// The values the normaliser hides, read off the capture's bytes with a hex dump.
    @Test func idsTimesAndServiceComeFromTheCapture() throws {
        let data = try OTLPProtobuf.decodeTraces(try OTLPJSONSamples.bytes("real-sdk/python-protobuf-traces.bin")).data
        let spans = data.resourceSpans[0].scopeSpans[0].spans
        #expect(data.resourceSpans[0].resource.serviceName == "probe-proto")
        #expect(spans.map(\.traceID.hex) == Array(repeating: "65d74a61ce049617059efd318578cc0d", count: 3))
        #expect(spans.map(\.spanID.hex) == ["68b8275b3b4a0a65", "7c6a28a04df38bc6", "5b0279e3b65b3aaf"])
        #expect(spans[2].startTimeUnixNano == 1_795_561_855_933_100_373)
        let logs = try OTLPProtobuf.decodeLogs(try OTLPJSONSamples.bytes("real-sdk/python-protobuf-logs.bin")).data
        let records = logs.resourceLogs[0].scopeLogs.flatMap(\.logRecords)
        #expect(records.map(\.spanID) == [spans[2].spanID, spans[2].spanID])
        #expect(records.map(\.timeUnixNano) == [1_795_561_855_935_683_072, 0])
    }

    /// The capture is one `resource_spans` field, so cutting it anywhere leaves a truncated message.
    @Test func everyTruncationOfTheCaptureIsRefusedWithAnOffset() throws {
        let bytes = try OTLPJSONSamples.bytes("real-sdk/python-protobuf-traces.bin")
        for length in 1..<bytes.count {
            #expect(throws: OTLPDecodingError.self) { try OTLPProtobuf.decodeTraces(Array(bytes[..<length])) }
        }
        let error = #expect(throws: OTLPDecodingError.self) { try OTLPProtobuf.decodeTraces(Array(bytes.dropLast())) }
        #expect(error?.message.contains("truncated") == true)
        #expect(error?.message.contains("byte offset") == true)
    }
}

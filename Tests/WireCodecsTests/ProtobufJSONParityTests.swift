import Testing
import TraceModel
import WireCodecs

/// The same telemetry sent as JSON or as protobuf must be stored the same: decoded data and rejections alike.
@Suite struct ProtobufJSONParityTests {
    static let trace = TraceID(high: 0xAB, low: 0xCD)

    static func span(_ name: String, trace: TraceID = trace, id: UInt64, parent: SpanID? = nil, links: [SpanLink] = []) -> Span {
        Span(
            traceID: trace, spanID: SpanID(id), parentSpanID: parent, name: name, kind: .server,
            startTimeUnixNano: 10, endTimeUnixNano: 20, attributes: ProtobufEncodingTests.everyKindOfValue.filter { $0.key != "long" },
            links: links, status: SpanStatus(code: .ok))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var spans: [Span]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "valid spans", spans: [span("a", id: 1), span("b", id: 2, parent: SpanID(1))]),
        Case(name: "zero trace id", spans: [span("a", id: 1), span("bad", trace: .zero, id: 2)]),
        Case(name: "zero span id", spans: [span("bad", id: 0), span("b", id: 2)]),
        Case(name: "zero parent is a root", spans: [span("a", id: 1, parent: .zero)]),
        Case(
            name: "links with zero ids",
            spans: [
                span(
                    "a", id: 1,
                    links: [
                        SpanLink(traceID: .zero, spanID: SpanID(1)), SpanLink(traceID: trace, spanID: .zero),
                        SpanLink(traceID: trace, spanID: SpanID(9), flags: 1)
                    ])
            ]),
        Case(name: "many rejected", spans: (0..<8).map { span("bad\($0)", trace: .zero, id: UInt64($0 + 1)) })
    ]

    @Test(arguments: cases)
    func tracesDecodeAlike(_ testCase: Case) throws {
        let data = TracesData(resourceSpans: [
            ResourceSpans(
                resource: Resource(attributes: [KeyValue("service.name", .string("svc"))]),
                scopeSpans: [ScopeSpans(scope: InstrumentationScope(name: "s"), spans: testCase.spans)]
            )
        ])
        let json = try OTLPJSON.decodeTraces(OTLPJSON.encode(data))
        let protobuf = try OTLPProtobuf.decodeTraces(OTLPProtobuf.encode(data))
        #expect(protobuf.data == json.data)
        #expect(protobuf.rejected == json.rejected)
    }

    @Test func logsDecodeAlike() throws {
        let records = [
            LogRecord(timeUnixNano: 5, severityNumber: 9, body: .string("linked"), traceID: Self.trace, spanID: SpanID(1)),
            LogRecord(severityNumber: 17, body: .kvlist([KeyValue("k", .array([.int(1)]))]), traceID: .zero, spanID: .zero),
            LogRecord(attributes: ProtobufEncodingTests.everyKindOfValue, eventName: "e")
        ]
        let data = LogsData(resourceLogs: [ResourceLogs(scopeLogs: [ScopeLogs(logRecords: records)])])
        let json = try OTLPJSON.decodeLogs(OTLPJSON.encode(data))
        let protobuf = try OTLPProtobuf.decodeLogs(OTLPProtobuf.encode(data))
        #expect(protobuf.data == json.data)
        #expect(protobuf.data.resourceLogs[0].scopeLogs[0].logRecords[1].traceID == nil)
    }
}

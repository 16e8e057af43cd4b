import Testing
@testable import TraceModel
@testable import WireCodecs

/// The encoder: what the demo generator sends, and what the collector answers a protobuf client with.
@Suite struct ProtobufEncodingTests {
    static let everyKindOfValue: [KeyValue] = [
        KeyValue("s", .string("text with ünïcödé and \u{0}")),
        KeyValue("empty-string", .string("")),
        KeyValue("t", .bool(true)),
        KeyValue("f", .bool(false)),
        KeyValue("zero", .int(0)),
        KeyValue("min", .int(.min)),
        KeyValue("max", .int(.max)),
        KeyValue("negative", .int(-42)),
        KeyValue("pi", .double(3.141592653589793)),
        KeyValue("-0", .double(-0.0)),
        KeyValue("inf", .double(-.infinity)),
        KeyValue("bytes", .bytes([0, 1, 0xFF])),
        KeyValue("no-bytes", .bytes([])),
        KeyValue("unset", .empty),
        KeyValue("array", .array([.int(1), .empty, .array([]), .string("x")])),
        KeyValue("kvlist", .kvlist([KeyValue("inner", .kvlist([KeyValue("deeper", .double(1.5))])), KeyValue("", .empty)])),
        KeyValue("long", .string(String(repeating: "x", count: 70_000))),
        KeyValue("duplicate", .int(1)),
        KeyValue("duplicate", .int(2))
    ]

    static let traces: TracesData = {
        let trace = TraceID(high: 0x0102030405060708, low: 0x090A0B0C0D0E0F10)
        let span = Span(
            traceID: trace, spanID: SpanID(0xFFEEDDCCBBAA9988), parentSpanID: SpanID(1), traceState: "k=v", flags: 0x301,
            name: "GET /items/{id}", kind: SpanKind(rawValue: 9), startTimeUnixNano: .max, endTimeUnixNano: 1,
            attributes: everyKindOfValue, droppedAttributesCount: 3,
            events: [
                SpanEvent(
                    timeUnixNano: 7, name: "exception", attributes: [KeyValue("exception.type", .string("E"))], droppedAttributesCount: 1)
            ],
            droppedEventsCount: 4,
            links: [
                SpanLink(
                    traceID: trace, spanID: SpanID(2), traceState: "a=b", attributes: [KeyValue("l", .int(1))], droppedAttributesCount: 2,
                    flags: 0x100)
            ],
            droppedLinksCount: 5, status: SpanStatus(code: .error, message: "failed")
        )
        let plain = Span(traceID: trace, spanID: SpanID(3), name: "", startTimeUnixNano: 0, endTimeUnixNano: 0)
        return TracesData(resourceSpans: [
            ResourceSpans(
                resource: Resource(attributes: [KeyValue("service.name", .string("shop"))], droppedAttributesCount: 1),
                scopeSpans: [
                    ScopeSpans(
                        scope: InstrumentationScope(
                            name: "lib", version: "1", attributes: [KeyValue("a", .bool(true))], droppedAttributesCount: 2),
                        spans: [span, plain], schemaUrl: "https://opentelemetry.io/schemas/1.44.0"),
                    ScopeSpans()
                ],
                schemaUrl: "https://example.com/resource"
            ),
            ResourceSpans()
        ])
    }()

    @Test func tracesRoundTrip() throws {
        let decoded = try OTLPProtobuf.decodeTraces(OTLPProtobuf.encode(Self.traces))
        #expect(decoded.rejected.count == 0)
        #expect(decoded.data == Self.traces)
    }

    @Test func logsRoundTrip() throws {
        let records = [
            LogRecord(
                timeUnixNano: 1, observedTimeUnixNano: 2, severityNumber: 24, severityText: "FATAL",
                body: .kvlist([KeyValue("msg", .string("hi"))]), attributes: Self.everyKindOfValue, droppedAttributesCount: 9,
                flags: 1, traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), eventName: "e"),
            LogRecord(severityNumber: -3, body: .string("")),
            LogRecord()
        ]
        let logs = LogsData(resourceLogs: [
            ResourceLogs(
                resource: Resource(attributes: [KeyValue("service.name", .string("shop"))]),
                scopeLogs: [ScopeLogs(scope: InstrumentationScope(name: "log"), logRecords: records, schemaUrl: "s")], schemaUrl: "r"
            )
        ])
        let decoded = try OTLPProtobuf.decodeLogs(OTLPProtobuf.encode(logs))
        #expect(decoded.data == logs)
    }

    /// NaN is not equal to itself, so the model's `==` cannot check it; compare the bits instead.
    @Test func nanKeepsItsBits() throws {
        let nan = Double(nan: 0x1234, signaling: false)
        let logs = LogsData(resourceLogs: [ResourceLogs(scopeLogs: [ScopeLogs(logRecords: [LogRecord(body: .double(nan))])])])
        let body = try OTLPProtobuf.decodeLogs(OTLPProtobuf.encode(logs)).data.resourceLogs[0].scopeLogs[0].logRecords[0].body
        guard case .double(let decoded) = body else { Issue.record("body is \(body)"); return }
        #expect(decoded.bitPattern == nan.bitPattern)
    }

    /// Re-encoding the real SDK's capture gives a request that decodes to the same thing.
    @Test func theCaptureSurvivesReencoding() throws {
        let original = try OTLPProtobuf.decodeTraces(try OTLPJSONSamples.bytes("real-sdk/python-protobuf-traces.bin")).data
        #expect(try OTLPProtobuf.decodeTraces(OTLPProtobuf.encode(original)).data == original)
        let logs = try OTLPProtobuf.decodeLogs(try OTLPJSONSamples.bytes("real-sdk/python-protobuf-logs.bin")).data
        #expect(try OTLPProtobuf.decodeLogs(OTLPProtobuf.encode(logs)).data == logs)
    }

    /// Length prefixes of one to three bytes (the writer patches them in after the body).
    @Test(arguments: [0, 1, 127, 128, 16_383, 16_384, 300_000])
    func lengthPrefixesOfEverySize(length: Int) throws {
        let name = String(repeating: "n", count: length)
        let data = TracesData(resourceSpans: [ResourceSpans(scopeSpans: [ScopeSpans(scope: InstrumentationScope(name: name))])])
        let bytes = OTLPProtobuf.encode(data)
        #expect(try OTLPProtobuf.decodeTraces(bytes).data == data)
        // resource_spans { resource {} scope_spans { scope { name } } }: every prefix is minimal.
        let nameField = length == 0 ? [] : PB.field(1, string: name)
        #expect(bytes == PB.field(1, bytes: PB.field(1, bytes: []) + PB.field(2, bytes: PB.field(1, bytes: nameField))))
    }

    struct ResponseCase: CustomTestStringConvertible, Sendable {
        var rejected: Int64
        var message: String
        var expected: [UInt8]
        var testDescription: String { "\(rejected) \(message)" }
    }

    static let responses: [ResponseCase] = [
        ResponseCase(rejected: 0, message: "", expected: []),
        // partial_success (1) { rejected (1): 3, error_message (2): "bad" }
        ResponseCase(rejected: 3, message: "bad", expected: [0x0A, 0x07, 0x08, 0x03, 0x12, 0x03, 0x62, 0x61, 0x64]),
        // A warning without rejections is allowed by the specification.
        ResponseCase(rejected: 0, message: "w", expected: [0x0A, 0x03, 0x12, 0x01, 0x77]),
        ResponseCase(rejected: 300, message: "", expected: [0x0A, 0x03, 0x08, 0xAC, 0x02])
    ]

    @Test(arguments: responses, [false, true])
    func exportResponses(_ response: ResponseCase, forLogs: Bool) {
        #expect(
            OTLPProtobuf.encodeExportResponse(rejected: response.rejected, message: response.message, forLogs: forLogs) == response.expected
        )
    }

    @Test func statusBodies() {
        // google.rpc.Status { code (1): 3, message (2): "no" }
        #expect(OTLPProtobuf.encodeStatus(code: 3, message: "no") == [0x08, 0x03, 0x12, 0x02, 0x6E, 0x6F])
        #expect(OTLPProtobuf.encodeStatus(code: 0, message: "") == [])
        // A negative int32 is sign-extended to a ten-byte varint.
        #expect(OTLPProtobuf.encodeStatus(code: -1, message: "") == [0x08] + Array(repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func statusMessageRoundTripsThroughTheReader() throws {
        let message = String(repeating: "é", count: 100)
        let bytes = OTLPProtobuf.encodeStatus(code: 14, message: message)
        // An untyped closure: a typed-throws closure through withUnsafeBytes crashes the 6.3.1 compiler.
        let (code, decoded) = try bytes.withUnsafeBytes { raw throws -> (UInt64, String) in
            var reader = ProtobufReader(raw)
            var code: UInt64 = 0
            var decoded = ""
            while !reader.isAtEnd {
                let tag = try reader.readTag()
                switch tag.field {
                case 1: code = try reader.readVarint()
                case 2: decoded = try reader.readString()
                default: try reader.skip(tag)
                }
            }
            return (code, decoded)
        }
        #expect(code == 14)
        #expect(decoded == message)
    }
}

@testable import JSONToolkit
import Testing
@testable import TraceModel
@testable import WireCodecs

@Suite("OTLP JSON encoding")
struct OTLPJSONEncoderTests {
    static let trace = TraceID(high: 0x5B8E_FFF7_9803_8103, low: 0xD269_B633_813F_C60C)

    func text(_ traces: TracesData) -> String { String(decoding: OTLPJSON.encode(traces), as: UTF8.self) }

    func oneSpan(_ span: Span) -> TracesData {
        TracesData(resourceSpans: [ResourceSpans(scopeSpans: [ScopeSpans(spans: [span])])])
    }

    @Test func spanWithDefaultsOmitted() {
        let span = Span(traceID: Self.trace, spanID: SpanID(0xEEE1_9B7E_C3C1_B174), name: "op", startTimeUnixNano: 0, endTimeUnixNano: 0)
        #expect(
            text(oneSpan(span))
                == #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"op"}]}]}]}"#
        )
    }

    @Test func everySpanFieldInProtoOrder() {
        let span = Span(
            traceID: Self.trace, spanID: SpanID(1), parentSpanID: SpanID(0xABCD), traceState: "k=v", flags: 769, name: "GET /",
            kind: .server, startTimeUnixNano: 1_795_561_855_729_242_129, endTimeUnixNano: UInt64.max,
            attributes: [KeyValue("i", .int(-9_007_199_254_740_993))], droppedAttributesCount: 1,
            events: [SpanEvent(timeUnixNano: 5, name: "exception", attributes: [KeyValue("b", .bool(true))], droppedAttributesCount: 2)],
            droppedEventsCount: 3,
            links: [SpanLink(traceID: Self.trace, spanID: SpanID(2), traceState: "a=b", droppedAttributesCount: 4, flags: 256)],
            droppedLinksCount: 5, status: SpanStatus(code: .error, message: "boom"))
        let expected =
            #"{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"0000000000000001","traceState":"k=v","parentSpanId":"000000000000abcd","flags":769,"name":"GET /","kind":2,"startTimeUnixNano":"1795561855729242129","endTimeUnixNano":"18446744073709551615","attributes":[{"key":"i","value":{"intValue":"-9007199254740993"}}],"droppedAttributesCount":1,"events":[{"timeUnixNano":"5","name":"exception","attributes":[{"key":"b","value":{"boolValue":true}}],"droppedAttributesCount":2}],"droppedEventsCount":3,"links":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"0000000000000002","traceState":"a=b","droppedAttributesCount":4,"flags":256}],"droppedLinksCount":5,"status":{"message":"boom","code":2}}"#
        #expect(text(oneSpan(span)) == #"{"resourceSpans":[{"scopeSpans":[{"spans":["# + expected + "]}]}]}")
    }

    @Test(arguments: [
        (AnyValue.empty, "{}"),
        (.string("a\"b\\c\n\r\t\u{8}\u{C}\u{1}\u{1F}\u{7F}é😀/"), #"{"stringValue":"a\"b\\c\n\r\t\b\f\u0001\u001f"# + "\u{7F}é😀/\"}"),
        (.bool(false), #"{"boolValue":false}"#),
        (.int(Int64.min), #"{"intValue":"-9223372036854775808"}"#),
        (.double(0.25), #"{"doubleValue":0.25}"#),
        (.double(1e-7), #"{"doubleValue":1e-07}"#),
        (.double(.nan), #"{"doubleValue":"NaN"}"#),
        (.double(.infinity), #"{"doubleValue":"Infinity"}"#),
        (.double(-.infinity), #"{"doubleValue":"-Infinity"}"#),
        (.bytes([0, 1, 2, 255]), #"{"bytesValue":"AAEC/w=="}"#),
        (.array([.int(1), .empty, .array([])]), #"{"arrayValue":{"values":[{"intValue":"1"},{},{"arrayValue":{"values":[]}}]}}"#),
        (.kvlist([KeyValue("k", .kvlist([]))]), #"{"kvlistValue":{"values":[{"key":"k","value":{"kvlistValue":{"values":[]}}}]}}"#)
    ])
    func anyValues(value: AnyValue, json: String) throws {
        var writer = JSONWriter()
        writer.anyValue(value)
        let encoded = String(decoding: writer.bytes, as: UTF8.self)
        #expect(encoded == json)
        // What we write is strict JSON.
        #expect(throws: Never.self) { try JSONValue.parse(encoded) }
    }

    @Test func logRecordFieldsAndUnlinkedIds() {
        let record = LogRecord(
            timeUnixNano: 0, observedTimeUnixNano: 7, severityNumber: 13, severityText: "WARN", body: .string("m"),
            flags: 1, traceID: nil, spanID: SpanID(3), eventName: "e")
        let logs = LogsData(resourceLogs: [
            ResourceLogs(
                resource: Resource(attributes: [KeyValue("service.name", .string("s"))]),
                scopeLogs: [ScopeLogs(scope: InstrumentationScope(name: "lib"), logRecords: [record], schemaUrl: "u")])
        ])
        #expect(
            String(decoding: OTLPJSON.encode(logs), as: UTF8.self)
                == #"{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"s"}}]},"scopeLogs":[{"scope":{"name":"lib"},"logRecords":[{"observedTimeUnixNano":"7","severityNumber":13,"severityText":"WARN","body":{"stringValue":"m"},"flags":1,"spanId":"0000000000000003","eventName":"e"}],"schemaUrl":"u"}]}]}"#
        )
    }

    static var richValues: [KeyValue] {
        let values: [AnyValue] = [
            .empty, .string(""), .string("tab\there \u{0} \u{2028} 中文"), .bool(true), .int(Int64.max), .int(-1), .double(-0.5),
            .double(1.7976931348623157e308), .double(.leastNonzeroMagnitude), .double(.infinity), .bytes([]), .bytes(Array(0...255)),
            .array([.array([.kvlist([KeyValue("", .empty)])])]), .kvlist([KeyValue("dup", .int(1)), KeyValue("dup", .int(2))])
        ]
        return values.enumerated().map { KeyValue("k\($0.offset)", $0.element) }
    }

    static func richSpan(_ index: Int, attributes: [KeyValue]) -> Span {
        let parent: SpanID? = index == 0 ? nil : SpanID(1)
        let traceState = index % 2 == 0 ? "" : "a=1,b=2"
        let start = UInt64(index) << 58
        let end = UInt64.max - UInt64(index)
        let kind = SpanKind(rawValue: Int32(index % 7))
        let status = SpanStatus(code: StatusCode(rawValue: Int32(index % 4)), message: index % 3 == 0 ? "m" : "")
        let link = SpanLink(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), attributes: attributes, flags: 768)
        let event = SpanEvent(timeUnixNano: 1, name: "e", attributes: attributes)
        return Span(
            traceID: TraceID(high: UInt64(index), low: UInt64.max), spanID: SpanID(UInt64(index) + 1),
            parentSpanID: parent, traceState: traceState, flags: UInt32(index), name: "span \"\(index)\"", kind: kind,
            startTimeUnixNano: start, endTimeUnixNano: end, attributes: attributes, droppedAttributesCount: UInt32.max,
            events: [event], links: [link], status: status)
    }

    static func richRecord(_ index: Int, body: [KeyValue]) -> LogRecord {
        let value: AnyValue = index % 2 == 0 ? .kvlist(body) : .string("line \(index)\n")
        let traceID: TraceID? = index % 3 == 0 ? nil : TraceID(high: 9, low: UInt64(index))
        let spanID: SpanID? = index % 4 == 0 ? nil : SpanID(UInt64(index) + 1)
        return LogRecord(
            timeUnixNano: UInt64(index), observedTimeUnixNano: UInt64.max, severityNumber: Int32(index * 3),
            severityText: "S\(index)", body: value, attributes: body, droppedAttributesCount: 2, flags: 1,
            traceID: traceID, spanID: spanID, eventName: index == 1 ? "ev" : "")
    }

    @Test func richTracesRoundTripExactly() throws {
        let attributes = Self.richValues
        let spans = (0..<20).map { Self.richSpan($0, attributes: attributes) }
        let scope = InstrumentationScope(name: "n", version: "v", attributes: attributes, droppedAttributesCount: 1)
        let traces = TracesData(resourceSpans: [
            ResourceSpans(
                resource: Resource(attributes: attributes, droppedAttributesCount: 9),
                scopeSpans: [ScopeSpans(scope: scope, spans: spans, schemaUrl: "s")], schemaUrl: "r"),
            ResourceSpans(),
            ResourceSpans(scopeSpans: [ScopeSpans()])
        ])
        let decoded = try OTLPJSON.decodeTraces(OTLPJSON.encode(traces))
        #expect(decoded.rejected.count == 0)
        #expect(decoded.data == traces)
    }

    @Test func richLogsRoundTripExactly() throws {
        let body = Self.richValues
        let records = (0..<10).map { Self.richRecord($0, body: body) }
        let scopeLogs = ScopeLogs(scope: InstrumentationScope(name: "x"), logRecords: records, schemaUrl: "y")
        let logs = LogsData(resourceLogs: [ResourceLogs(resource: Resource(attributes: body), scopeLogs: [scopeLogs], schemaUrl: "z")])
        let decoded = try OTLPJSON.decodeLogs(OTLPJSON.encode(logs))
        #expect(decoded.data == logs)
    }

    @Test func nanSurvivesTheRoundTrip() throws {
        var span = Span(traceID: Self.trace, spanID: SpanID(1), name: "n", startTimeUnixNano: 1, endTimeUnixNano: 2)
        span.attributes = [KeyValue("nan", .double(.nan))]
        let decoded = try OTLPJSON.decodeTraces(OTLPJSON.encode(oneSpan(span)))
        guard case .double(let value)? = OTLPJSONFixture.onlySpan(decoded)?.attributes[key: "nan"] else {
            Issue.record("no double")
            return
        }
        #expect(value.isNaN)
    }
}

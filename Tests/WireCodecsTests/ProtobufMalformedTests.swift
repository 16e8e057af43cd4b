import Testing
import TraceModel
import WireCodecs

/// Bytes no OTLP sender should produce: each must be refused with an error that says what and where.
@Suite struct ProtobufMalformedTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var messageContains: [String]
        var testDescription: String { name }
    }

    static let traceCases: [Case] = [
        Case(name: "tag cut off", bytes: [0x8A], messageContains: ["truncated", "varint", "byte offset 0"]),
        Case(name: "length past the end", bytes: [0x0A, 0x05, 0x00], messageContains: ["truncated", "length 5", "byte offset 1"]),
        Case(name: "huge length", bytes: [0x0A] + PB.varint(UInt64.max), messageContains: ["truncated", "byte offset 1"]),
        Case(
            name: "varint of 11 bytes", bytes: [0x10] + Array(repeating: 0xFF, count: 10) + [0x01],
            messageContains: ["longer than 10 bytes", "byte offset 1"]),
        Case(name: "field number 0", bytes: [0x02, 0x00], messageContains: ["field number 0", "byte offset 0"]),
        Case(name: "wire type 6", bytes: [0x0E], messageContains: ["invalid wire type 6"]),
        Case(name: "wire type 7", bytes: [0x0F], messageContains: ["invalid wire type 7"]),
        Case(name: "stray end-group", bytes: [0x0C], messageContains: ["end-group", "field 1"]),
        Case(name: "unterminated group", bytes: PB.tag(9, 3) + PB.field(1, varint: 1), messageContains: ["truncated", "group of field 9"]),
        Case(name: "mismatched end-group", bytes: PB.tag(9, 3) + PB.tag(8, 4), messageContains: ["does not match", "field 9"]),
        Case(name: "fixed64 cut off", bytes: PB.request(spans: [PB.span() + [0x39, 1, 2, 3]]), messageContains: ["truncated", "fixed64"]),
        Case(name: "fixed32 cut off", bytes: PB.request(spans: [PB.span() + [0x85, 0x01, 1]]), messageContains: ["truncated", "fixed32"]),
        Case(
            name: "resource_spans as varint", bytes: PB.field(1, varint: 3),
            messageContains: ["ExportTraceServiceRequest.resource_spans", "wire type 0"]),
        Case(
            name: "span name as varint", bytes: PB.request(spans: [PB.span(extra: PB.field(5, varint: 1))]),
            messageContains: ["Span.name (field 5)", "expected 2 (length-delimited)"]),
        Case(
            name: "start time as varint", bytes: PB.request(spans: [PB.span(extra: PB.field(7, varint: 1))]),
            messageContains: ["Span.start_time_unix_nano", "expected 1 (fixed64)"]),
        Case(
            name: "flags as varint", bytes: PB.request(spans: [PB.span(extra: PB.field(16, varint: 1))]),
            messageContains: ["Span.flags", "expected 5 (fixed32)"]),
        Case(
            name: "kind as string", bytes: PB.request(spans: [PB.span(extra: PB.field(6, string: "SERVER"))]),
            messageContains: ["Span.kind", "expected 0 (varint)"]),
        Case(name: "trace id as fixed64", bytes: PB.request(spans: [PB.field(1, fixed64: 7)]), messageContains: ["Span.trace_id"]),
        Case(
            name: "attribute value as string",
            bytes: PB.request(spans: [PB.span(extra: PB.field(9, bytes: PB.field(1, string: "k") + PB.field(2, varint: 1)))]),
            messageContains: ["KeyValue.value"]
        ),
        Case(
            name: "double as fixed32",
            bytes: PB.request(spans: [PB.span(extra: PB.field(9, bytes: PB.keyValue("k", PB.field(4, fixed32: 1))))]),
            messageContains: ["AnyValue.double_value", "expected 1 (fixed64)"]
        ),
        Case(
            name: "status code as fixed32", bytes: PB.request(spans: [PB.span(extra: PB.field(15, bytes: PB.field(3, fixed32: 2)))]),
            messageContains: ["Status.code"]),
        Case(
            name: "event time as varint", bytes: PB.request(spans: [PB.span(extra: PB.field(11, bytes: PB.field(1, varint: 2)))]),
            messageContains: ["Span.Event.time_unix_nano"]
        ),
        Case(
            name: "link flags as fixed64", bytes: PB.request(spans: [PB.span(extra: PB.field(13, bytes: PB.field(6, fixed64: 2)))]),
            messageContains: ["Span.Link.flags"]
        ),
        Case(
            name: "scope name as fixed32", bytes: PB.field(1, bytes: PB.field(2, bytes: PB.field(1, bytes: PB.field(1, fixed32: 0)))),
            messageContains: ["InstrumentationScope.name"]),
        Case(
            name: "resource attributes as varint", bytes: PB.field(1, bytes: PB.field(1, bytes: PB.field(1, varint: 0))),
            messageContains: ["Resource.attributes"]),
        Case(
            name: "nested message overruns its parent",
            // The span claims 3 bytes but its name field claims 10: the name must not read past the span.
            bytes: PB.field(1, bytes: PB.field(2, bytes: [0x12, 0x03, 0x2A, 0x0A, 0x41] + Array(repeating: 0x41, count: 20))),
            messageContains: ["truncated", "length 10"]
        )
    ]

    @Test(arguments: traceCases)
    func tracesAreRefused(_ testCase: Case) {
        let error = #expect(throws: OTLPDecodingError.self) { try OTLPProtobuf.decodeTraces(testCase.bytes) }
        for fragment in testCase.messageContains {
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error") lacks \(fragment)")
        }
    }

    static let logCases: [Case] = [
        Case(
            name: "severity as string", bytes: PB.request(logRecords: [PB.field(2, string: "WARN")]),
            messageContains: ["LogRecord.severity_number"]),
        Case(
            name: "time as varint", bytes: PB.request(logRecords: [PB.field(1, varint: 5)]),
            messageContains: ["LogRecord.time_unix_nano", "fixed64"]),
        Case(
            name: "observed time as fixed32", bytes: PB.request(logRecords: [PB.field(11, fixed32: 5)]),
            messageContains: ["LogRecord.observed_time_unix_nano"]),
        Case(name: "body as varint", bytes: PB.request(logRecords: [PB.field(5, varint: 5)]), messageContains: ["LogRecord.body"]),
        Case(name: "flags as varint", bytes: PB.request(logRecords: [PB.field(8, varint: 1)]), messageContains: ["LogRecord.flags"]),
        Case(name: "trace id as varint", bytes: PB.request(logRecords: [PB.field(9, varint: 1)]), messageContains: ["LogRecord.trace_id"]),
        Case(
            name: "body cut off", bytes: PB.field(1, bytes: PB.field(2, bytes: PB.field(2, bytes: [0x2A, 0x09, 0x0A, 0x07, 0x61]))),
            messageContains: ["truncated"])
    ]

    @Test(arguments: logCases)
    func logsAreRefused(_ testCase: Case) {
        let error = #expect(throws: OTLPDecodingError.self) { try OTLPProtobuf.decodeLogs(testCase.bytes) }
        for fragment in testCase.messageContains {
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error") lacks \(fragment)")
        }
    }

    /// Arrays in arrays, far deeper than any real attribute: refused before the stack is at risk.
    @Test(arguments: [101, 1_000])
    func anyValueNestingIsBounded(depth: Int) {
        var value: [UInt8] = PB.field(3, varint: 1)
        for _ in 1..<depth { value = PB.field(5, bytes: PB.field(1, bytes: value)) }
        let bytes = PB.request(spans: [PB.span(extra: PB.field(9, bytes: PB.keyValue("deep", value)))])
        let error = #expect(throws: OTLPDecodingError.self) { try OTLPProtobuf.decodeTraces(bytes) }
        #expect(error?.message.contains("nested deeper than 100") == true)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        var value: [UInt8] = PB.field(3, varint: 1)
        var expected = AnyValue.int(1)
        for _ in 1..<100 {
            value = PB.field(6, bytes: PB.field(1, bytes: PB.keyValue("k", value)))
            expected = .kvlist([KeyValue("k", expected)])
        }
        let bytes = PB.request(spans: [PB.span(extra: PB.field(9, bytes: PB.keyValue("deep", value)))])
        let span = try OTLPProtobuf.decodeTraces(bytes).data.resourceSpans[0].scopeSpans[0].spans[0]
        #expect(span.attributes == [KeyValue("deep", expected)])
    }

    @Test func deeplyNestedGroupsAreBounded() {
        let bytes = Array(repeating: PB.tag(20, 3), count: 100_000).flatMap { $0 }
        let error = #expect(throws: OTLPDecodingError.self) { try OTLPProtobuf.decodeTraces(bytes) }
        #expect(error?.message.contains("groups nested deeper than 32") == true)
    }

    @Test func emptyRequestIsAnEmptyBatch() throws {
        #expect(try OTLPProtobuf.decodeTraces([]).data == TracesData())
        #expect(try OTLPProtobuf.decodeLogs([]).data == LogsData())
    }
}

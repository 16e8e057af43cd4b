import Testing
import TraceModel
import WireCodecs

/// What the decoder makes of well-formed but unusual requests: unknown fields, repeated scalars, odd ids.
@Suite struct ProtobufFieldTests {
    /// Unknown fields of every wire type, at every level of the nesting, change nothing.
    static let unknownFields: [UInt8] =
        PB.field(900, varint: 1 << 40) + PB.field(901, fixed64: 7) + PB.field(902, fixed32: 7)
        + PB.field(903, bytes: [1, 2, 3]) + PB.tag(904, 3) + PB.field(1, varint: 1) + PB.tag(5, 3) + PB.tag(5, 4) + PB.tag(904, 4)

    static func richSpan(unknown: [UInt8]) -> [UInt8] {
        let anyString = PB.field(1, string: "v") + unknown
        let event = PB.field(1, fixed64: 5) + PB.field(2, string: "ev") + unknown
        let link = PB.field(1, bytes: PB.traceID) + PB.field(2, bytes: PB.spanID) + PB.field(6, fixed32: 1) + unknown
        let status = PB.field(2, string: "boom") + PB.field(3, varint: 2) + unknown
        let array = PB.field(5, bytes: PB.field(1, bytes: PB.field(3, varint: 4) + unknown) + unknown)
        return PB.span(
            extra: PB.field(9, bytes: PB.keyValue("k", anyString) + unknown) + PB.field(9, bytes: PB.keyValue("a", array))
                + PB.field(11, bytes: event) + PB.field(13, bytes: link) + PB.field(15, bytes: status) + unknown)
    }

    static func request(unknown: [UInt8]) -> [UInt8] {
        let scope = PB.field(1, string: "lib") + unknown
        let scopeSpans = PB.field(1, bytes: scope) + PB.field(2, bytes: richSpan(unknown: unknown)) + unknown
        let resource = PB.field(1, bytes: PB.keyValue("service.name", PB.field(1, string: "svc"))) + unknown
        return PB.field(1, bytes: PB.field(1, bytes: resource) + PB.field(2, bytes: scopeSpans) + unknown) + unknown
    }

    @Test func unknownFieldsAreSkippedEverywhere() throws {
        let plain = try OTLPProtobuf.decodeTraces(Self.request(unknown: []))
        let noisy = try OTLPProtobuf.decodeTraces(Self.request(unknown: Self.unknownFields))
        #expect(noisy.data == plain.data)
        let span = plain.data.resourceSpans[0].scopeSpans[0].spans[0]
        #expect(span.attributes == [KeyValue("k", .string("v")), KeyValue("a", .array([.int(4)]))])
        #expect(span.events == [SpanEvent(timeUnixNano: 5, name: "ev")])
        #expect(span.links.map(\.flags) == [1])
        #expect(span.status == SpanStatus(code: .error, message: "boom"))
        #expect(plain.data.resourceSpans[0].resource.serviceName == "svc")
    }

    @Test func unknownFieldsInLogsAreSkipped() throws {
        let record = PB.field(2, varint: 9) + PB.field(5, bytes: PB.field(1, string: "hi") + Self.unknownFields) + Self.unknownFields
        let decoded = try OTLPProtobuf.decodeLogs(PB.request(logRecords: [record]))
        #expect(decoded.data.resourceLogs[0].scopeLogs[0].logRecords == [LogRecord(severityNumber: 9, body: .string("hi"))])
    }

    /// Protobuf's rule for a scalar sent twice: the last value wins.
    @Test func lastScalarWins() throws {
        let bytes = PB.request(spans: [
            PB.span(name: "first", extra: PB.field(5, string: "second") + PB.field(6, varint: 2) + PB.field(6, varint: 3))
        ])
        let span = try OTLPProtobuf.decodeTraces(bytes).data.resourceSpans[0].scopeSpans[0].spans[0]
        #expect(span.name == "second")
        #expect(span.kind == .client)
    }

    /// Enum values the specification does not list are kept as sent, as the JSON decoder keeps them.
    @Test func unknownEnumValuesAreKept() throws {
        let negativeKind = PB.field(6, varint: UInt64(bitPattern: -1))
        let bytes = PB.request(spans: [PB.span(extra: negativeKind + PB.field(15, bytes: PB.field(3, varint: 7)))])
        let span = try OTLPProtobuf.decodeTraces(bytes).data.resourceSpans[0].scopeSpans[0].spans[0]
        #expect(span.kind.rawValue == -1)
        #expect(span.status.code.rawValue == 7)
    }

    struct IDCase: CustomTestStringConvertible, Sendable {
        var name: String
        var span: [UInt8]
        var reason: String?
        var testDescription: String { name }
    }

    static func span(traceID: [UInt8]? = PB.traceID, spanID: [UInt8]? = PB.spanID, parent: [UInt8]? = nil) -> [UInt8] {
        (traceID.map { PB.field(1, bytes: $0) } ?? []) + (spanID.map { PB.field(2, bytes: $0) } ?? [])
            + (parent.map { PB.field(4, bytes: $0) } ?? []) + PB.field(5, string: "op")
    }

    static let idCases: [IDCase] = [
        IDCase(name: "valid", span: span(), reason: nil),
        IDCase(name: "no trace id", span: span(traceID: nil), reason: "traceId is missing or empty"),
        IDCase(name: "empty trace id", span: span(traceID: []), reason: "traceId is missing or empty"),
        IDCase(name: "short trace id", span: span(traceID: Array(PB.traceID.prefix(15))), reason: "traceId is not 16 bytes (got 15)"),
        IDCase(name: "long trace id", span: span(traceID: PB.traceID + [1]), reason: "traceId is not 16 bytes (got 17)"),
        IDCase(name: "zero trace id", span: span(traceID: Array(repeating: 0, count: 16)), reason: "traceId is all zeros"),
        IDCase(name: "no span id", span: span(spanID: nil), reason: "spanId is missing or empty"),
        IDCase(name: "short span id", span: span(spanID: [1, 2, 3]), reason: "spanId is not 8 bytes (got 3)"),
        IDCase(name: "zero span id", span: span(spanID: Array(repeating: 0, count: 8)), reason: "spanId is all zeros"),
        IDCase(name: "empty parent is a root", span: span(parent: []), reason: nil),
        IDCase(name: "zero parent is a root", span: span(parent: Array(repeating: 0, count: 8)), reason: nil),
        IDCase(name: "short parent", span: span(parent: [9]), reason: "parentSpanId is not 8 bytes (got 1)")
    ]

    /// A span with an unusable id is rejected alone: its neighbours are kept and the reason names its place.
    @Test(arguments: idCases)
    func spansWithBadIDsAreRejectedAlone(_ testCase: IDCase) throws {
        let bytes = PB.request(spans: [PB.span(name: "before"), testCase.span, PB.span(name: "after")])
        let decoded = try OTLPProtobuf.decodeTraces(bytes)
        let names = decoded.data.resourceSpans[0].scopeSpans[0].spans.map(\.name)
        if let reason = testCase.reason {
            #expect(names == ["before", "after"])
            #expect(decoded.rejected.count == 1)
            #expect(decoded.rejected.reasons == ["resourceSpans[0].scopeSpans[0].spans[1]: span rejected: \(reason)"])
        } else {
            #expect(names == ["before", "op", "after"])
            #expect(decoded.rejected.count == 0)
            #expect(decoded.data.resourceSpans[0].scopeSpans[0].spans[1].parentSpanID == nil)
        }
    }

    /// A link to an invalid span cannot be stored: it is dropped and counted, and the span is kept.
    @Test func linksWithBadIDsAreCountedAsDropped() throws {
        let good = PB.field(13, bytes: PB.field(1, bytes: PB.traceID) + PB.field(2, bytes: PB.spanID))
        let zeroTrace = PB.field(13, bytes: PB.field(1, bytes: Array(repeating: 0, count: 16)) + PB.field(2, bytes: PB.spanID))
        let noSpan = PB.field(13, bytes: PB.field(1, bytes: PB.traceID))
        let bytes = PB.request(spans: [PB.span(extra: zeroTrace + good + noSpan + PB.field(14, varint: 5))])
        let decoded = try OTLPProtobuf.decodeTraces(bytes)
        let span = decoded.data.resourceSpans[0].scopeSpans[0].spans[0]
        #expect(span.links.count == 1)
        #expect(span.droppedLinksCount == 7)
        #expect(decoded.rejected.count == 0)
    }

    /// 50,000 spans that are all rejected (each an empty message: two bytes) must decode in linear time:
    /// sizing the span array must not rescan the rest of the request for every span (that took two minutes here).
    @Test(.timeLimit(.minutes(1)))
    func manyRejectedSpansDecodeInLinearTime() throws {
        let emptySpans = Array([[UInt8]](repeating: [0x12, 0x00], count: 50_000).joined())
        let decoded = try OTLPProtobuf.decodeTraces(PB.field(1, bytes: PB.field(2, bytes: emptySpans)))
        #expect(decoded.rejected.count == 50_000)
        #expect(decoded.data.spanCount == 0)
    }

    @Test func rejectionsAreCountedPastTheReasonLimit() throws {
        let bad = Self.span(traceID: nil)
        let decoded = try OTLPProtobuf.decodeTraces(PB.request(spans: Array(repeating: bad, count: 12)))
        #expect(decoded.rejected.count == 12)
        #expect(decoded.rejected.reasons.count == Rejections.maxReasons)
        #expect(decoded.rejected.reasons.last == "resourceSpans[0].scopeSpans[0].spans[4]: span rejected: traceId is missing or empty")
    }

    /// Log records are never rejected for their ids: an unusable id only leaves the record unlinked.
    @Test(arguments: [[UInt8](), Array(repeating: 0, count: 16), [1, 2, 3]])
    func logsWithBadTraceIDsAreKeptUnlinked(traceID: [UInt8]) throws {
        let record = PB.field(9, bytes: traceID) + PB.field(10, bytes: PB.spanID) + PB.field(3, string: "INFO")
        let decoded = try OTLPProtobuf.decodeLogs(PB.request(logRecords: [record]))
        let kept = decoded.data.resourceLogs[0].scopeLogs[0].logRecords
        #expect(kept.count == 1)
        #expect(kept.first?.traceID == nil)
        #expect(kept.first?.spanID == SpanID(bytes: PB.spanID))
        #expect(decoded.rejected.count == 0)
    }

    /// Repeated strings share storage inside the decoder; strings that agree in length, head and tail (and so
    /// land in the same cache slot) must still come out as themselves.
    @Test func repeatedAndLookalikeStringsDecodeAsSent() throws {
        let texts = [
            "aaaaaaaaXXXXbbbbbbbb", "aaaaaaaaYYYYbbbbbbbb", "aaaaaaaaXXXXbbbbbbbb", "short", "aaaaaaaaXXXXbbbbbbbbb",
            String(repeating: "z", count: 600), String(repeating: "z", count: 600), "ünïcödé-ünïcödé-ünïcödé"
        ]
        let attributes = texts.flatMap { PB.field(9, bytes: PB.keyValue($0, PB.field(1, string: $0))) }
        let bytes = PB.request(spans: [PB.span(name: texts[1], extra: attributes), PB.span(name: texts[0])])
        let spans = try OTLPProtobuf.decodeTraces(bytes).data.resourceSpans[0].scopeSpans[0].spans
        #expect(spans[0].attributes == texts.map { KeyValue($0, .string($0)) })
        #expect(spans.map(\.name) == [texts[1], texts[0]])
    }

    /// Whole attributes repeated within a request are shared inside the decoder too; attributes that agree in
    /// length, head and tail (one cache slot), values of every kind, and more distinct attributes than a small
    /// request's table has slots must all still come out as sent, wherever the attribute sits.
    @Test func repeatedAndLookalikeAttributesDecodeAsSent() throws {
        var attributes: [(bytes: [UInt8], value: KeyValue)] = [
            (PB.keyValue("http.request.method", PB.field(1, string: "GET")), KeyValue("http.request.method", .string("GET"))),
            (PB.keyValue("http.request.method", PB.field(1, string: "PUT")), KeyValue("http.request.method", .string("PUT"))),
            (PB.keyValue("server.port", PB.field(3, varint: 8080)), KeyValue("server.port", .int(8080))),
            (PB.keyValue("server.port", PB.field(3, varint: 8081)), KeyValue("server.port", .int(8081))),
            (PB.keyValue("aaaaaaaaXXXXbbbbbbbb", []), KeyValue("aaaaaaaaXXXXbbbbbbbb", .empty)),
            (PB.keyValue("aaaaaaaaYYYYbbbbbbbb", []), KeyValue("aaaaaaaaYYYYbbbbbbbb", .empty)),
            (PB.keyValue("ratio", PB.field(4, fixed64: 0.25.bitPattern)), KeyValue("ratio", .double(0.25))),
            (PB.keyValue("flag", PB.field(2, varint: 1)), KeyValue("flag", .bool(true))),
            (PB.keyValue("blob", PB.field(7, bytes: [0, 1, 2, 3, 4, 5])), KeyValue("blob", .bytes([0, 1, 2, 3, 4, 5]))),
            (
                PB.keyValue("ids", PB.field(5, bytes: PB.field(1, bytes: PB.field(1, string: "req-1")))),
                KeyValue("ids", .array([.string("req-1")]))
            ),
            (
                PB.keyValue("nested", PB.field(6, bytes: PB.field(1, bytes: PB.keyValue("inner", PB.field(3, varint: 7))))),
                KeyValue("nested", .kvlist([KeyValue("inner", .int(7))]))
            ),
            (PB.keyValue("", []), KeyValue("", .empty)),
            (
                PB.keyValue("stack", PB.field(1, string: String(repeating: "z", count: 600))),
                KeyValue("stack", .string(String(repeating: "z", count: 600)))
            )
        ]
        attributes += (0..<100).map { index in
            (PB.keyValue("distinct.key", PB.field(3, varint: UInt64(index))), KeyValue("distinct.key", .int(Int64(index))))
        }
        let order = attributes.indices + attributes.indices.reversed() + attributes.indices.filter { $0 % 3 == 0 }
        let encoded = order.flatMap { PB.field(9, bytes: attributes[$0].bytes) }
        let expected = order.map { attributes[$0].value }
        let event = PB.field(1, fixed64: 5) + PB.field(2, string: "ev") + order.flatMap { PB.field(3, bytes: attributes[$0].bytes) }
        let link =
            PB.field(1, bytes: PB.traceID) + PB.field(2, bytes: PB.spanID) + order.flatMap { PB.field(4, bytes: attributes[$0].bytes) }
        let span = PB.span(extra: encoded + PB.field(11, bytes: event) + PB.field(13, bytes: link))
        let resource = order.flatMap { PB.field(1, bytes: attributes[$0].bytes) }
        for spans in [[span], Array(repeating: span, count: 40)] {
            let decoded = try OTLPProtobuf.decodeTraces(PB.request(spans: spans, resource: resource)).data.resourceSpans[0]
            #expect(decoded.resource.attributes == expected)
            for span in decoded.scopeSpans[0].spans {
                #expect(span.attributes == expected)
                #expect(span.events.first?.attributes == expected)
                #expect(span.links.first?.attributes == expected)
            }
        }
        let record = PB.field(3, string: "INFO") + order.flatMap { PB.field(6, bytes: attributes[$0].bytes) }
        let logs = try OTLPProtobuf.decodeLogs(PB.request(logRecords: [record, record]))
        #expect(logs.data.resourceLogs[0].scopeLogs[0].logRecords.map(\.attributes) == [expected, expected])
    }

    /// Invalid UTF-8 is repaired, not fatal: one bad byte must not cost the sender the whole batch.
    @Test func invalidUTF8IsRepaired() throws {
        let bytes = PB.request(spans: [PB.span(name: "", extra: PB.field(5, bytes: [0x61, 0xFF, 0x62]))])
        let span = try OTLPProtobuf.decodeTraces(bytes).data.resourceSpans[0].scopeSpans[0].spans[0]
        #expect(span.name == "a\u{FFFD}b")
    }
}

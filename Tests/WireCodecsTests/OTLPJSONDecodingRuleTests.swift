import Testing
@testable import TraceModel
@testable import WireCodecs

/// Every rule of SPEC.md "OTLP JSON mapping" and "Spans", one row each.
@Suite("OTLP JSON trace decoding rules")
struct OTLPJSONDecodingRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var spanJSON: String
        var check: @Sendable (Span) -> Bool
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(
            rule: "hex ids in either case, normalised to lowercase",
            spanJSON: #"{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","parentSpanId":"aBcDeF0123456789"}"#
        ) {
            $0.traceID.hex == "5b8efff798038103d269b633813fc60c" && $0.spanID.hex == "eee19b7ec3c1b174"
                && $0.parentSpanID?.hex == "abcdef0123456789"
        },
        Case(
            rule: "snake_case keys",
            spanJSON:
                #"{"trace_id":"5b8efff798038103d269b633813fc60c","span_id":"eee19b7ec3c1b174","parent_span_id":"eee19b7ec3c1b173","start_time_unix_nano":"5","end_time_unix_nano":"7","dropped_attributes_count":2,"dropped_events_count":3,"dropped_links_count":4,"trace_state":"k=v"}"#
        ) {
            $0.parentSpanID == SpanID(0xeee19b7ec3c1b173) && $0.startTimeUnixNano == 5 && $0.endTimeUnixNano == 7
                && $0.droppedAttributesCount == 2 && $0.droppedEventsCount == 3 && $0.droppedLinksCount == 4 && $0.traceState == "k=v"
        },
        Case(
            rule: "int64 as a number beyond 2^53 stays exact",
            spanJSON: OTLPJSONFixture.span(#""startTimeUnixNano":1795561855729242129,"endTimeUnixNano":18446744073709551615"#)
        ) {
            $0.startTimeUnixNano == 1_795_561_855_729_242_129 && $0.endTimeUnixNano == UInt64.max
        },
        Case(rule: "int64 as a string", spanJSON: OTLPJSONFixture.span(#""startTimeUnixNano":"9007199254740993""#)) {
            $0.startTimeUnixNano == 9_007_199_254_740_993
        },
        Case(rule: "integral number with exponent", spanJSON: OTLPJSONFixture.span(#""startTimeUnixNano":1.5e3"#)) {
            $0.startTimeUnixNano == 1500
        },
        Case(rule: "kind as an integer", spanJSON: OTLPJSONFixture.span(#""kind":3"#)) { $0.kind == .client },
        Case(rule: "kind as the enum name", spanJSON: OTLPJSONFixture.span(#""kind":"SPAN_KIND_SERVER""#)) { $0.kind == .server },
        Case(rule: "unknown kind integer kept as given", spanJSON: OTLPJSONFixture.span(#""kind":42"#)) { $0.kind.rawValue == 42 },
        Case(
            rule: "status code as the enum name", spanJSON: OTLPJSONFixture.span(#""status":{"code":"STATUS_CODE_ERROR","message":"boom"}"#)
        ) {
            $0.status == SpanStatus(code: .error, message: "boom")
        },
        Case(rule: "status {} and missing status are unset", spanJSON: OTLPJSONFixture.span(#""status":{}"#)) { $0.status == SpanStatus() },
        Case(
            rule: "null means the default",
            spanJSON: OTLPJSONFixture.span(
                #""kind":null,"status":null,"attributes":null,"events":null,"flags":null,"startTimeUnixNano":null,"parentSpanId":null,"traceState":null"#
            )
        ) {
            $0.kind == .unspecified && $0.attributes.isEmpty && $0.flags == 0 && $0.parentSpanID == nil && $0.startTimeUnixNano == 0
        },
        Case(rule: "empty parentSpanId is a root", spanJSON: OTLPJSONFixture.span(#""parentSpanId":"""#)) { $0.parentSpanID == nil },
        Case(rule: "all-zero parentSpanId is a root", spanJSON: OTLPJSONFixture.span(#""parentSpanId":"0000000000000000""#)) {
            $0.parentSpanID == nil
        },
        Case(rule: "flags: W3C flags and remote bits", spanJSON: OTLPJSONFixture.span(#""flags":769"#)) { $0.flags == 769 },
        Case(
            rule: "unknown keys of every type are skipped",
            spanJSON: OTLPJSONFixture.span(#""x":{"a":[1,{"b":null}],"c":"d"},"y":[[]],"z":-1.5e-7,"w":true,"v":null,"u":"s""#)
        ) {
            $0.name == "op"
        },
        Case(
            rule: "every AnyValue kind",
            spanJSON: OTLPJSONFixture.span(
                #""attributes":[{"key":"s","value":{"stringValue":"x"}},{"key":"b","value":{"boolValue":false}},{"key":"i","value":{"intValue":"-9223372036854775808"}},{"key":"in","value":{"intValue":42}},{"key":"d","value":{"doubleValue":2.5}},{"key":"nan","value":{"doubleValue":"NaN"}},{"key":"inf","value":{"doubleValue":"Infinity"}},{"key":"ninf","value":{"doubleValue":"-Infinity"}},{"key":"ds","value":{"doubleValue":"-1.5e2"}},{"key":"by","value":{"bytesValue":"AAEC/w=="}},{"key":"e","value":{}},{"key":"n","value":null},{"key":"a","value":{"arrayValue":{"values":[{"intValue":"1"},{"arrayValue":{"values":[{"stringValue":"deep"}]}},{}]}}},{"key":"kv","value":{"kvlistValue":{"values":[{"key":"k","value":{"kvlistValue":{"values":[]}}}]}}},{"key":"ea","value":{"arrayValue":{}}}]"#
            )
        ) { span in
            let attributes = span.attributes
            guard case .double(let nan)? = attributes[key: "nan"], nan.isNaN else { return false }
            return attributes[key: "s"] == .string("x") && attributes[key: "b"] == .bool(false)
                && attributes[key: "i"] == .int(Int64.min) && attributes[key: "in"] == .int(42)
                && attributes[key: "d"] == .double(2.5) && attributes[key: "inf"] == .double(.infinity)
                && attributes[key: "ninf"] == .double(-.infinity) && attributes[key: "ds"] == .double(-150)
                && attributes[key: "by"] == .bytes([0, 1, 2, 255])
                && attributes[key: "e"] == .empty && attributes[key: "n"] == .empty
                && attributes[key: "a"] == .array([.int(1), .array([.string("deep")]), .empty])
                && attributes[key: "kv"] == .kvlist([KeyValue("k", .kvlist([]))])
                && attributes[key: "ea"] == .array([])
        },
        Case(
            rule: "snake_case AnyValue keys",
            spanJSON: OTLPJSONFixture.span(
                #""attributes":[{"key":"a","value":{"array_value":{"values":[{"int_value":"1"},{"string_value":"s"},{"bool_value":true},{"double_value":1},{"bytes_value":"AQ"},{"kvlist_value":{"values":[]}}]}}}]"#
            )
        ) {
            $0.attributes[key: "a"] == .array([.int(1), .string("s"), .bool(true), .double(1), .bytes([1]), .kvlist([])])
        },
        Case(
            rule: "duplicate attribute keys kept in order",
            spanJSON: OTLPJSONFixture.span(#""attributes":[{"key":"k","value":{"intValue":"1"}},{"key":"k","value":{"intValue":"2"}}]"#)
        ) {
            $0.attributes == [KeyValue("k", .int(1)), KeyValue("k", .int(2))]
        },
        Case(
            rule: "events with attributes and dropped counts",
            spanJSON: OTLPJSONFixture.span(
                #""events":[{"timeUnixNano":"3","name":"exception","attributes":[{"key":"exception.type","value":{"stringValue":"E"}}],"droppedAttributesCount":1},{}]"#
            )
        ) {
            $0.events == [
                SpanEvent(
                    timeUnixNano: 3, name: "exception", attributes: [KeyValue("exception.type", .string("E"))], droppedAttributesCount: 1),
                SpanEvent(timeUnixNano: 0, name: "")
            ]
        },
        Case(
            rule: "links with every field",
            spanJSON: OTLPJSONFixture.span(
                #""links":[{"traceId":"0AF7651916CD43DD8448EB211C80319C","spanId":"B7AD6B7169203331","traceState":"a=b","attributes":[{"key":"l","value":{"boolValue":true}}],"droppedAttributesCount":2,"flags":256}]"#
            )
        ) {
            $0.links == [
                SpanLink(
                    traceID: TraceID(high: 0x0af7651916cd43dd, low: 0x8448eb211c80319c), spanID: SpanID(0xb7ad6b7169203331),
                    traceState: "a=b", attributes: [KeyValue("l", .bool(true))], droppedAttributesCount: 2, flags: 256)
            ]
        },
        Case(
            rule: "a link with invalid ids is dropped and counted",
            spanJSON: OTLPJSONFixture.span(#""links":[{"traceId":"","spanId":"b7ad6b7169203331"}],"droppedLinksCount":1"#)
        ) {
            $0.links.isEmpty && $0.droppedLinksCount == 2
        },
        Case(rule: "dropped link count saturates", spanJSON: OTLPJSONFixture.span(#""droppedLinksCount":4294967295,"links":[{}]"#)) {
            $0.links.isEmpty && $0.droppedLinksCount == UInt32.max
        },
        Case(
            rule: "strings with escapes and non-ASCII", spanJSON: OTLPJSONFixture.span(#""traceState":"caf\u00e9 \"q\" \ud83d\ude00 ü\n""#)
        ) {
            $0.traceState == "café \"q\" 😀 ü\n"
        },
        Case(rule: "keys written with escapes", spanJSON: OTLPJSONFixture.span(#""\u006bind":2"#)) { $0.kind == .server },
        Case(rule: "later duplicate member wins", spanJSON: OTLPJSONFixture.span(#""name":"second""#)) { $0.name == "second" },
        Case(
            rule: "whitespace everywhere",
            spanJSON: " {\n\t\"traceId\" : \"5b8efff798038103d269b633813fc60c\" ,\r\n \"spanId\":\"eee19b7ec3c1b174\" } "
        ) {
            $0.spanID == SpanID(0xeee19b7ec3c1b174)
        }
    ]

    @Test(arguments: cases)
    func rule(_ testCase: Case) throws {
        let decoded = try OTLPJSONFixture.decodeTraces(OTLPJSONFixture.traces(spans: testCase.spanJSON))
        #expect(decoded.rejected.count == 0, "\(decoded.rejected.message)")
        let span = try #require(OTLPJSONFixture.onlySpan(decoded))
        #expect(testCase.check(span), "\(span)")
    }

    @Test(arguments: [
        (#""traceId":"","spanId":"eee19b7ec3c1b174""#, "traceId is missing or empty"),
        (#""spanId":"eee19b7ec3c1b174""#, "traceId is missing or empty"),
        (#""traceId":"00000000000000000000000000000000","spanId":"eee19b7ec3c1b174""#, "traceId is all zeros"),
        (#""traceId":"5b8efff798038103d269b633813fc60","spanId":"eee19b7ec3c1b174""#, "traceId is not 32 hex digits"),
        (#""traceId":"5b8efff798038103d269b633813fc60g","spanId":"eee19b7ec3c1b174""#, "traceId is not 32 hex digits"),
        (#""traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"eee19b7ec3c1b174""#, "traceId is not 32 hex digits"),
        (#""traceId":"5b8efff798038103d269b633813fc60c","spanId":"""#, "spanId is missing or empty"),
        (#""traceId":"5b8efff798038103d269b633813fc60c","spanId":"0000000000000000""#, "spanId is all zeros"),
        (#""traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b1""#, "spanId is not 16 hex digits"),
        (
            #""traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"xyz""#,
            "parentSpanId is not 16 hex digits"
        )
    ])
    func spansWithInvalidIdsAreRejectedWithTheirPath(members: String, reason: String) throws {
        let good = OTLPJSONFixture.span()
        let bad = "{" + members + #","name":"bad"}"#
        let json = #"{"resourceSpans":[{"scopeSpans":[{"spans":["# + good + "]},{\"spans\":[" + good + "," + bad + "," + good + "]}]}]}"
        let decoded = try OTLPJSONFixture.decodeTraces(json)
        #expect(decoded.data.spanCount == 3)
        #expect(decoded.data.resourceSpans[0].scopeSpans.map(\.spans.count) == [1, 2])
        #expect(decoded.rejected.count == 1)
        #expect(decoded.rejected.reasons == ["resourceSpans[0].scopeSpans[1].spans[1]: span rejected: \(reason)"])
    }

    @Test func rejectionReasonsAreBounded() throws {
        let bad = #"{"traceId":"","spanId":""}"#
        let json = OTLPJSONFixture.traces(spans: Array(repeating: bad, count: 1000).joined(separator: ","))
        let decoded = try OTLPJSONFixture.decodeTraces(json)
        #expect(decoded.data.spanCount == 0)
        #expect(decoded.rejected.count == 1000)
        #expect(decoded.rejected.reasons.count == Rejections.maxReasons)
        #expect(decoded.rejected.reasons.last == "resourceSpans[0].scopeSpans[0].spans[4]: span rejected: traceId is missing or empty")
    }

    @Test func resourceScopeAndSchemaUrls() throws {
        let json =
            #"{"resource_spans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}],"dropped_attributes_count":1},"schema_url":"https://opentelemetry.io/schemas/1.26.0","scope_spans":[{"scope":{"name":"lib","version":"2","attributes":[{"key":"a","value":{"intValue":"1"}}],"droppedAttributesCount":3},"schemaUrl":"s2","spans":[]}]},{}],"unknown":{}}"#
        let decoded = try OTLPJSONFixture.decodeTraces(json)
        #expect(
            decoded.data
                == TracesData(resourceSpans: [
                    ResourceSpans(
                        resource: Resource(attributes: [KeyValue("service.name", .string("svc"))], droppedAttributesCount: 1),
                        scopeSpans: [
                            ScopeSpans(
                                scope: InstrumentationScope(
                                    name: "lib", version: "2", attributes: [KeyValue("a", .int(1))], droppedAttributesCount: 3),
                                spans: [], schemaUrl: "s2")
                        ],
                        schemaUrl: "https://opentelemetry.io/schemas/1.26.0"),
                    ResourceSpans()
                ]))
    }

    @Test(arguments: ["{}", #"{"resourceSpans":[]}"#, #"{"resourceSpans":null}"#, " {\"partialSuccess\":{}} \n"])
    func emptyRequests(json: String) throws {
        let decoded = try OTLPJSONFixture.decodeTraces(json)
        #expect(decoded.data.spanCount == 0)
        #expect(decoded.rejected.count == 0)
    }
}

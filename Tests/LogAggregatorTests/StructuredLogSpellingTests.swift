import JSONToolkit
import LogAggregator
import Testing
import TraceModel

/// Every spelling of every recognised field, one line each.
@Suite struct StructuredLogSpellingTests {
    static let traceHex = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let spanHex = "00f067aa0ba902b7"

    @Test(arguments: [
        #"{"timestamp":"2024-11-24T23:13:20Z"}"#, #"{"time":"2024-11-24T23:13:20Z"}"#,
        #"{"ts":1732490000}"#, #"{"@timestamp":"2024-11-24T23:13:20.000Z"}"#
    ])
    func timeSpellings(_ line: String) throws {
        let (record, _) = try onlyRecord(line)
        #expect(record.timeUnixNano == novemberNanos)
        #expect(record.observedTimeUnixNano == receivedAt)
        #expect(record.attributes.isEmpty, "the time field is not also an attribute")
    }

    @Test func noTimeLeavesItUnknown() throws {
        let (record, _) = try onlyRecord(#"{"msg":"no time"}"#)
        #expect(record.timeUnixNano == 0)
        #expect(record.effectiveTimeUnixNano(receivedAt: 1) == receivedAt)
    }

    @Test(arguments: [
        #"{"level":"warn"}"#, #"{"severity":"warn"}"#, #"{"lvl":"warn"}"#, #"{"log.level":"warn"}"#,
        #"{"log":{"level":"warn"}}"#
    ])
    func levelSpellings(_ line: String) throws {
        let (record, _) = try onlyRecord(line)
        #expect(record.severityNumber == 13)
        #expect(record.severityText == "warn")
        #expect(record.attributes.isEmpty)
    }

    @Test func pinoLineIsRead() throws {
        let (record, service) = try onlyRecord(
            #"{"level":50,"time":1732490000123,"pid":7,"hostname":"h1","app":"billing","msg":"charge failed"}"#)
        #expect(record.severityNumber == 17)
        #expect(record.severityText == "ERROR")
        #expect(record.timeUnixNano == novemberNanos + 123_000_000)
        #expect(record.body == .string("charge failed"))
        #expect(service == "billing")
        #expect(record.attributes == [KeyValue("pid", .int(7)), KeyValue("hostname", .string("h1"))])
    }

    @Test(arguments: [#"{"message":"hello"}"#, #"{"msg":"hello"}"#, #"{"body":"hello"}"#])
    func messageSpellings(_ line: String) throws {
        let (record, _) = try onlyRecord(line)
        #expect(record.body == .string("hello"))
        #expect(record.attributes.isEmpty)
    }

    @Test func messageMayBeAnyJSONValue() throws {
        #expect(
            try onlyRecord(#"{"msg":{"event":"paid","amount":12.5,"ok":true}}"#).record.body
                == .kvlist([
                    KeyValue("event", .string("paid")), KeyValue("amount", .double(12.5)), KeyValue("ok", .bool(true))
                ]))
        #expect(try onlyRecord(#"{"msg":42}"#).record.body == .int(42))
        #expect(try onlyRecord(#"{"msg":["a",1]}"#).record.body == .array([.string("a"), .int(1)]))
        #expect(try onlyRecord(#"{"other":1}"#).record.body == .empty)
    }

    @Test func earlierSpellingWinsAndTheOtherStaysAnAttribute() throws {
        let (record, _) = try onlyRecord(#"{"body":{"size":3},"msg":"request handled","message":"the message"}"#)
        #expect(record.body == .string("the message"))
        #expect(record.attributes == [KeyValue("body", .kvlist([KeyValue("size", .int(3))])), KeyValue("msg", .string("request handled"))])
    }

    @Test(arguments: [
        #"{"service":"billing"}"#, #"{"service.name":"billing"}"#, #"{"service":{"name":"billing"}}"#, #"{"app":"billing"}"#
    ])
    func serviceSpellings(_ line: String) throws {
        let (record, service) = try onlyRecord(line)
        #expect(service == "billing")
        #expect(record.attributes.isEmpty, "the service is a resource attribute, not a record attribute")
    }

    @Test func nonStringServiceStaysAnAttribute() throws {
        let (record, service) = try onlyRecord(#"{"app":{"version":"1.2"},"service":""}"#)
        #expect(service == "unknown_service")
        #expect(record.attributes == [KeyValue("app", .kvlist([KeyValue("version", .string("1.2"))])), KeyValue("service", .string(""))])
    }

    @Test func nestedFieldKeepsItsSiblings() throws {
        let (record, service) = try onlyRecord(#"{"service":{"name":"billing","version":"2.1"},"log":{"level":"info","logger":"pay"}}"#)
        #expect(service == "billing")
        #expect(record.severityNumber == 9)
        #expect(
            record.attributes == [
                KeyValue("service", .kvlist([KeyValue("version", .string("2.1"))])),
                KeyValue("log", .kvlist([KeyValue("logger", .string("pay"))]))
            ])
    }

    @Test(arguments: ["trace_id", "traceId", "trace.id"], ["span_id", "spanId", "span.id"])
    func traceAndSpanSpellings(_ traceKey: String, _ spanKey: String) throws {
        let (record, _) = try onlyRecord(#"{"\#(traceKey)":"\#(Self.traceHex.uppercased())","\#(spanKey)":"\#(Self.spanHex)"}"#)
        #expect(record.traceID == TraceID(hex: Self.traceHex))
        #expect(record.spanID == SpanID(hex: Self.spanHex))
        #expect(record.attributes.isEmpty)
    }

    @Test func ecsNestedTraceAndSpan() throws {
        let (record, _) = try onlyRecord(#"{"trace":{"id":"\#(Self.traceHex)"},"span":{"id":"\#(Self.spanHex)"}}"#)
        #expect(record.traceID?.hex == Self.traceHex)
        #expect(record.spanID?.hex == Self.spanHex)
    }

    @Test func traceparentLinksTheRecord() throws {
        let (record, _) = try onlyRecord(#"{"msg":"x","traceparent":"00-\#(Self.traceHex)-\#(Self.spanHex)-01"}"#)
        #expect(record.traceID?.hex == Self.traceHex)
        #expect(record.spanID?.hex == Self.spanHex)
        #expect(record.flags == 1)
        #expect(record.attributes.isEmpty)
    }

    @Test(arguments: [
        #"{"trace_id":"not-hex","span_id":"xyz"}"#,
        #"{"trace_id":"00000000000000000000000000000000","span_id":"0000000000000000"}"#,
        #"{"trace_id":"4bf92f3577b34da6a3ce929d0e0e47","span_id":12}"#,
        #"{"traceparent":"00-\#(traceHex)-\#(spanHex)-01-extra"}"#,
        #"{"traceparent":"00-\#(traceHex.uppercased())-\#(spanHex)-01"}"#,
        #"{"traceparent":7}"#
    ])
    func invalidIdsLeaveTheRecordUnlinkedAndAreKept(_ line: String) throws {
        let (record, _) = try onlyRecord(line)
        #expect(record.traceID == nil)
        #expect(record.spanID == nil)
        #expect(record.attributes.count == (line.contains("traceparent") ? 1 : 2))
    }

    @Test func validTraceIdFieldWinsOverTraceparent() throws {
        let other = "0af7651916cd43dd8448eb211c80319c"
        let (record, _) = try onlyRecord(#"{"traceparent":"00-\#(other)-b7ad6b7169203331-01","trace_id":"\#(Self.traceHex)"}"#)
        #expect(record.traceID?.hex == Self.traceHex)
        #expect(record.spanID == nil)
        #expect(record.attributes == [KeyValue("traceparent", .string("00-\(other)-b7ad6b7169203331-01"))])
    }

    @Test(arguments: ["correlation_id", "correlationId", "x-correlation-id", "request_id", "x-request-id"])
    func correlationSpellingsStayAttributesThatCorrelationKeysFind(_ key: String) throws {
        let (record, _) = try onlyRecord(#"{"msg":"x","\#(key)":"c-123"}"#)
        #expect(record.attributes == [KeyValue(key, .string("c-123"))])
        #expect(CorrelationKeys().ids(of: record, resource: Resource()) == ["c-123"])
    }

    @Test func otherFieldsKeepTheirJSONType() throws {
        let (record, _) = try onlyRecord(
            #"""
            {"s":"text","t":true,"f":false,"i":-42,"big":9223372036854775807,"huge":9223372036854775808,"d":1.5,\#
            "e":1e3,"n":null,"o":{"a":{"b":[1,"x"]}},"arr":[1,2.5,"three",null,{"k":"v"}],"dup":1,"dup":2,"":"empty key"}
            """#)
        #expect(
            record.attributes == [
                KeyValue("s", .string("text")), KeyValue("t", .bool(true)), KeyValue("f", .bool(false)),
                KeyValue("i", .int(-42)), KeyValue("big", .int(Int64.max)), KeyValue("huge", .double(9_223_372_036_854_775_808.0)),
                KeyValue("d", .double(1.5)), KeyValue("e", .double(1000)), KeyValue("n", .empty),
                KeyValue("o", .kvlist([KeyValue("a", .kvlist([KeyValue("b", .array([.int(1), .string("x")]))]))])),
                KeyValue("arr", .array([.int(1), .double(2.5), .string("three"), .empty, .kvlist([KeyValue("k", .string("v"))])])),
                KeyValue("dup", .int(1)), KeyValue("dup", .int(2)), KeyValue("", .string("empty key"))
            ])
    }

    @Test func nullFieldsDoNotCountAsGiven() throws {
        let (record, service) = try onlyRecord(#"{"time":null,"ts":1732490000,"level":null,"message":null,"msg":"m","service":null}"#)
        #expect(record.timeUnixNano == novemberNanos)
        #expect(record.severityNumber == 0)
        #expect(record.body == .string("m"))
        #expect(service == "unknown_service")
        #expect(
            record.attributes == [
                KeyValue("time", .empty), KeyValue("level", .empty), KeyValue("message", .empty), KeyValue("service", .empty)
            ])
    }
}

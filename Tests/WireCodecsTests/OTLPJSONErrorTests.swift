@testable import JSONToolkit
import Testing
@testable import WireCodecs

/// Malformed requests are whole-document errors naming the field path and/or byte offset, and never crash.
@Suite("OTLP JSON decoding errors")
struct OTLPJSONErrorTests {
    func traceError(_ json: String) -> String? {
        do {
            _ = try OTLPJSONFixture.decodeTraces(json)
            return nil
        } catch {
            return error.message
        }
    }

    func traceError(_ bytes: [UInt8]) -> String? {
        do {
            _ = try OTLPJSON.decodeTraces(bytes)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func wrongTypeNamesTheFieldPath() {
        let good = OTLPJSONFixture.span()
        let bad = OTLPJSONFixture.span(#""name":5"#)
        let json = #"{"resourceSpans":[{"scopeSpans":[{"spans":[]},{"spans":["# + [good, good, good, bad].joined(separator: ",") + "]}]}]}"
        let message = traceError(json)
        #expect(
            message?.hasPrefix("resourceSpans[0].scopeSpans[1].spans[3].name: expected a string, found a number at byte ") == true,
            "\(message ?? "nil")")
    }

    @Test(arguments: [
        (OTLPJSONFixture.span(#""kind":true"#), "spans[0].kind: expected a span kind (an integer or its name), found a boolean"),
        (OTLPJSONFixture.span(#""kind":"SPAN_KIND_SIDEWAYS""#), #"spans[0].kind: unknown span kind "SPAN_KIND_SIDEWAYS""#),
        (OTLPJSONFixture.span(#""kind":2147483648"#), "spans[0].kind: expected a 32-bit integer, found 2147483648"),
        (
            OTLPJSONFixture.span(#""startTimeUnixNano":"-1""#),
            #"spans[0].startTimeUnixNano: expected an unsigned 64-bit integer, found "-1""#
        ),
        (
            OTLPJSONFixture.span(#""startTimeUnixNano":"18446744073709551616""#),
            "spans[0].startTimeUnixNano: expected an unsigned 64-bit integer"
        ),
        (
            OTLPJSONFixture.span(#""startTimeUnixNano":1e400"#),
            "spans[0].startTimeUnixNano: expected an unsigned 64-bit integer, found 1e400"
        ),
        (OTLPJSONFixture.span(#""startTimeUnixNano":"12abc""#), "spans[0].startTimeUnixNano: expected an unsigned 64-bit integer"),
        (OTLPJSONFixture.span(#""startTimeUnixNano":1.5"#), "spans[0].startTimeUnixNano: expected an unsigned 64-bit integer, found 1.5"),
        (OTLPJSONFixture.span(#""flags":4294967296"#), "spans[0].flags: expected an unsigned 32-bit integer, found 4294967296"),
        (
            OTLPJSONFixture.span(#""flags":[]"#),
            "spans[0].flags: expected an unsigned 32-bit integer (a decimal string or a number), found an array"
        ),
        (OTLPJSONFixture.span(#""attributes":{}"#), "spans[0].attributes: expected an array, found an object"),
        (OTLPJSONFixture.span(#""attributes":[1]"#), "spans[0].attributes[0]: expected an object, found a number"),
        (OTLPJSONFixture.span(#""attributes":[{"key":1}]"#), "spans[0].attributes[0].key: expected a string, found a number"),
        (
            OTLPJSONFixture.span(#""attributes":[{"key":"k","value":"v"}]"#),
            "spans[0].attributes[0].value: expected an object, found a string"
        ),
        (
            OTLPJSONFixture.span(#""attributes":[{"key":"k","value":{"intValue":"99999999999999999999"}}]"#),
            "spans[0].attributes[0].value.intValue: expected a signed 64-bit integer"
        ),
        (
            OTLPJSONFixture.span(#""attributes":[{"key":"k","value":{"doubleValue":1e400}}]"#),
            "spans[0].attributes[0].value.doubleValue: number 1e400 is out of range for a double"
        ),
        (
            OTLPJSONFixture.span(#""attributes":[{"key":"k","value":{"doubleValue":"fast"}}]"#),
            #"spans[0].attributes[0].value.doubleValue: expected a double, found "fast""#
        ),
        (
            OTLPJSONFixture.span(#""attributes":[{"key":"k","value":{"doubleValue":"0x10"}}]"#),
            #"spans[0].attributes[0].value.doubleValue: expected a double, found "0x10""#
        ),
        (
            OTLPJSONFixture.span(#""attributes":[{"key":"k","value":{"boolValue":"true"}}]"#),
            "spans[0].attributes[0].value.boolValue: expected a boolean, found a string"
        ),
        (
            OTLPJSONFixture.span(#""attributes":[{"key":"k","value":{"bytesValue":"%%%"}}]"#),
            #"spans[0].attributes[0].value.bytesValue: expected base64, found "%%%""#
        ),
        (
            OTLPJSONFixture.span(#""attributes":[{"key":"k","value":{"arrayValue":{"values":[{"stringValue":1}]}}}]"#),
            "spans[0].attributes[0].value.arrayValue.values[0].stringValue: expected a string, found a number"
        ),
        (
            OTLPJSONFixture.span(#""attributes":[{"key":"k","value":{"kvlistValue":{"values":[{"key":"x","value":[]}]}}}]"#),
            "spans[0].attributes[0].value.kvlistValue.values[0].value: expected an object, found an array"
        ),
        (
            OTLPJSONFixture.span(#""events":[{"name":"e","timeUnixNano":true}]"#),
            "spans[0].events[0].timeUnixNano: expected an unsigned 64-bit integer (a decimal string or a number), found a boolean"
        ),
        (OTLPJSONFixture.span(#""links":[{"traceId":7}]"#), "spans[0].links[0].traceId: expected a hex string, found a number"),
        (OTLPJSONFixture.span(#""status":{"code":"STATUS_CODE_MAYBE"}"#), "spans[0].status.code: unknown status code"),
        (OTLPJSONFixture.span(#""status":[]"#), "spans[0].status: expected an object, found an array"),
        (#"{"traceId":5}"#, "spans[0].traceId: expected a hex string, found a number"),
        ("7", "spans[0]: expected an object, found a number")
    ])
    func wrongTypesAndValues(spanJSON: String, expected: String) {
        let message = traceError(OTLPJSONFixture.traces(spans: spanJSON))
        #expect(message?.hasPrefix("resourceSpans[0].scopeSpans[0]." + expected) == true, "\(message ?? "accepted")")
        #expect(message?.contains(" at byte ") == true)
    }

    @Test(arguments: [
        ("", "invalid OTLP JSON: expected a JSON object (an ExportTraceServiceRequest), found the end of the input at byte 0"),
        ("  []", "invalid OTLP JSON: expected a JSON object (an ExportTraceServiceRequest), found an array at byte 2"),
        ("null", "invalid OTLP JSON: expected a JSON object (an ExportTraceServiceRequest), found null at byte 0"),
        (#"{"resourceSpans":{}}"#, "resourceSpans: expected an array, found an object at byte 17"),
        (#"{"resourceSpans":[]} {}"#, "invalid OTLP JSON: unexpected '{' after the end of the JSON document at byte 21"),
        (#"{"resourceSpans":[],}"#, "invalid OTLP JSON: expected a string key, found '}' at byte 20"),
        (
            #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"a"#,
            "resourceSpans[0].scopeSpans[0].spans[0]: unterminated string (started at byte 51) at byte 53"
        ),
        (
            #"{"resourceSpans":[{"resource":{"attributes":[{"key":"a","value":{"stringValue":"x"}}}]}]}"#,
            "resourceSpans[0].resource.attributes[0]: expected ',' or ']' after an array element, found '}' at byte 84"
        ),
        (#"{"unknown":[1,2,}"#, "invalid OTLP JSON: expected a JSON value, found '}' at byte 16")
    ])
    func malformedDocuments(json: String, expected: String) {
        #expect(traceError(json) == expected)
    }

    @Test func invalidUTF8NamesTheByteOffset() {
        var bytes = Array(OTLPJSONFixture.traces(spans: OTLPJSONFixture.span(#""name":"caf__""#)).utf8)
        let index = bytes.firstIndex(of: UInt8(ascii: "_"))!
        bytes[index] = 0xC3
        bytes[index + 1] = 0x28  // not a continuation byte
        let message = traceError(bytes)
        #expect(
            message == "resourceSpans[0].scopeSpans[0].spans[0]: invalid UTF-8: byte 0x28 is not a valid continuation at byte \(index + 1)")
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let open = String(repeating: #"{"arrayValue":{"values":["#, count: 1000)
        let json = OTLPJSONFixture.traces(
            spans: OTLPJSONFixture.span(
                #""attributes":[{"key":"deep","value":"# + open + "{}" + String(repeating: "]}}", count: 1000) + "}]"))
        let message = traceError(json)
        #expect(message?.contains("nesting deeper than 256 levels") == true, "\(message ?? "accepted")")
        let unknown = "{\"x\":" + String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000) + "}"
        #expect(traceError(unknown)?.contains("nesting deeper than 256 levels") == true)
    }

    @Test func hugeNumbersAreErrorsOrKeptExactlyNeverCrashes() {
        let digits = String(repeating: "9", count: 10_000)
        #expect(
            traceError(OTLPJSONFixture.traces(spans: OTLPJSONFixture.span(#""startTimeUnixNano":"# + digits)))?.contains(
                "expected an unsigned 64-bit integer, found 9999") == true)
        #expect(
            traceError(OTLPJSONFixture.traces(spans: OTLPJSONFixture.span(#""endTimeUnixNano":""# + digits + "\"")))?.contains("…") == true)
        #expect(traceError(#"{"ignored":"# + digits + "}") == nil)
    }

    @Test func logDocumentErrorsNameTheirPath() {
        do {
            _ = try OTLPJSONFixture.decodeLogs(#"{"resourceLogs":[{"scopeLogs":[{"logRecords":[{},{"severityNumber":"LOUD"}]}]}]}"#)
            Issue.record("accepted")
        } catch {
            #expect(
                error.message.hasPrefix(
                    #"resourceLogs[0].scopeLogs[0].logRecords[1].severityNumber: unknown severity number "LOUD" at byte"#), "\(error)")
        }
        do {
            _ = try OTLPJSONFixture.decodeLogs(#"{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":"text"}]}]}]}"#)
            Issue.record("accepted")
        } catch {
            #expect(
                error.message.hasPrefix("resourceLogs[0].scopeLogs[0].logRecords[0].body: expected an object, found a string"), "\(error)")
        }
    }

    @Test func randomCorruptionsNeverCrash() throws {
        let original = try OTLPJSONSamples.bytes("real-sdk/python-json-traces.json")
        var generator = SplitMix64(seed: 42)
        let interesting: [UInt8] = [0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x00, 0xFF, 0xC3, 0x30, 0x2D, 0x6E]
        for _ in 0..<2000 {
            var bytes = original
            for _ in 0..<Int(generator.next() % 3 + 1) {
                let position = Int(generator.next() % UInt64(bytes.count))
                bytes[position] = interesting[Int(generator.next() % UInt64(interesting.count))]
            }
            // Either outcome is fine; what matters is an answer, not a trap.
            _ = try? OTLPJSON.decodeTraces(bytes)
            _ = try? OTLPJSON.decodeLogs(bytes)
            _ = try? JSONValue.parse(bytes)
        }
    }

    /// A tiny deterministic generator so the corruption test is repeatable.
    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

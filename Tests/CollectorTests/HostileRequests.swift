import Foundation
import JSONToolkit

/// Malformed and adversarial request bodies for the hostile-input corpus: each one is what a broken or
/// malicious client could send. Built from text so every byte is visible in the source.
enum HostileRequests {
    static let traceID = "5b8efff798038103d269b633813fc60c"

    /// A valid OTLP JSON trace request with the given span name, service, attribute list and value JSON.
    static func traces(service: String = "hostile", name: String = "op", attributes: String = "[]", traceID: String = traceID) -> String {
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":\(quoted(service))}}]},
        "scopeSpans":[{"scope":{"name":"corpus"},"spans":[{"traceId":"\(traceID)","spanId":"eee19b7ec3c1b174",
        "name":\(quoted(name)),"kind":2,"startTimeUnixNano":"1732490000000000000","endTimeUnixNano":"1732490000100000000",
        "attributes":\(attributes)}]}]}]}
        """
    }

    static func logs(body: String, service: String = "hostile") -> String {
        """
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":\(quoted(service))}}]},
        "scopeLogs":[{"logRecords":[{"timeUnixNano":"1732490000000000000","severityNumber":9,"body":{"stringValue":\(quoted(body))}}]}]}]}
        """
    }

    /// JSON string literal (escapes quotes, backslashes and control characters).
    static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed, .withoutEscapingSlashes])
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    static func nestedKvlist(depth: Int) -> String {
        var value = #"{"stringValue":"bottom"}"#
        for _ in 0..<depth { value = #"{"kvlistValue":{"values":[{"key":"k","value":"# + value + "}]}}" }
        return #"[{"key":"deep","value":"# + value + "}]"
    }

    static func manyAttributes(_ count: Int) -> String {
        "[" + (0..<count).map { #"{"key":"a\#($0)","value":{"intValue":"\#($0)"}}"# }.joined(separator: ",") + "]"
    }

    /// Bodies that must be refused with a 4xx (or partly accepted with a 200 naming what was rejected).
    static let malformedTraces: [(String, [UInt8])] = {
        let valid = traces()
        var cases: [(String, String)] = [
            ("empty body", ""),
            ("truncated JSON", String(valid.prefix(valid.count / 2))),
            ("a bare number", "42"),
            ("resourceSpans is a string", #"{"resourceSpans":"x"}"#),
            ("spans is an object", #"{"resourceSpans":[{"scopeSpans":[{"spans":{}}]}]}"#),
            ("traceId is a number", valid.replacingOccurrences(of: "\"\(traceID)\"", with: "5")),
            ("traceId too short", valid.replacingOccurrences(of: traceID, with: "abc")),
            ("traceId not hex", valid.replacingOccurrences(of: traceID, with: String(repeating: "zz", count: 16))),
            ("name is an array", traces().replacingOccurrences(of: #""name":"op""#, with: #""name":[1,2]"#)),
            (
                "start time is an object",
                valid.replacingOccurrences(of: #""startTimeUnixNano":"1732490000000000000""#, with: #""startTimeUnixNano":{}"#)
            ),
            ("start time is negative", valid.replacingOccurrences(of: #""1732490000000000000""#, with: "-1")),
            ("start time overflows", valid.replacingOccurrences(of: #""1732490000000000000""#, with: "\"99999999999999999999999\"")),
            ("kind is a string", valid.replacingOccurrences(of: #""kind":2"#, with: #""kind":"server""#)),
            ("attributes is a string", traces(attributes: #""a""#)),
            ("intValue is a bool", traces(attributes: #"[{"key":"a","value":{"intValue":true}}]"#)),
            ("doubleValue is text", traces(attributes: #"[{"key":"a","value":{"doubleValue":"x"}}]"#)),
            ("bytesValue is not base64", traces(attributes: #"[{"key":"a","value":{"bytesValue":"!!!"}}]"#)),
            ("attribute key missing", traces(attributes: #"[{"value":{"stringValue":"v"}}]"#)),
            ("unterminated string", #"{"resourceSpans":[{"x":"abc"#),
            ("lone surrogate escape", traces(name: "x").replacingOccurrences(of: #""name":"x""#, with: #""name":"\ud800""#)),
            ("bad escape", traces(name: "x").replacingOccurrences(of: #""name":"x""#, with: #""name":"\q""#)),
            ("trailing garbage", valid + "}}}"),
            ("100k-deep arrays", String(repeating: "[", count: 100_000)),
            ("100k-deep objects", String(repeating: #"{"a":"#, count: 100_000)),
            ("1000-deep kvlist", traces(attributes: nestedKvlist(depth: 1000))),
            ("NaN number", traces(attributes: #"[{"key":"a","value":{"doubleValue":NaN}}]"#)),
            ("huge exponent", traces(attributes: #"[{"key":"a","value":{"doubleValue":1e999999}}]"#))
        ]
        cases.append(("duplicate keys", valid.replacingOccurrences(of: #""name":"op""#, with: #""name":"op","name":"again""#)))
        var bytes = cases.map { ($0.0, Array($0.1.utf8)) }
        var invalidUTF8 = Array(traces(name: "XX").utf8)
        if let index = invalidUTF8.firstIndex(of: UInt8(ascii: "X")) { invalidUTF8[index] = 0xff; invalidUTF8[index + 1] = 0xfe }
        bytes.append(("invalid UTF-8 in a string", invalidUTF8))
        var rawNUL = Array(traces(name: "XX").utf8)
        if let index = rawNUL.firstIndex(of: UInt8(ascii: "X")) { rawNUL[index] = 0 }
        bytes.append(("raw NUL byte in a string", rawNUL))
        bytes.append(
            ("overlong UTF-8 slash", Array(traces(name: "XX").utf8).replacing([UInt8(ascii: "X"), UInt8(ascii: "X")], with: [0xc0, 0xaf])))
        return bytes
    }()

    /// Strings that must be stored and answered exactly as sent.
    static let faithfulStrings: [String] = [
        "x'); DROP TABLE spans; --",
        "\" OR 1=1 --",
        "%_\\' ; SELECT * FROM logs WHERE '1'='1",
        "a\u{0}b\u{0}",
        "\u{1b}[2J\u{1b}[H\u{1b}]0;owned\u{7}\u{1b}[31mred",
        "\u{9b}31m C1 CSI, \u{7f} DEL, \r\n CRLF, \t tab",
        "emoji 🧨 and RTL \u{202e}txet"
    ]
}

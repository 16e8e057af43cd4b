import Testing
@testable import JSONToolkit

@Suite("JSONValue parsing")
struct JSONValueTests {
    @Test func parsesEveryKindKeepingOrderAndDuplicates() throws {
        let value = try JSONValue.parse(#" {"b": [1, -2.5e3, true, false, null], "a": {"x": "y"}, "b": ""} "#)
        let expected = JSONValue.object(
            JSONObject([
                JSONMember(
                    "b",
                    .array([
                        .number(JSONNumber(text: "1", isInteger: true)), .number(JSONNumber(text: "-2.5e3", isInteger: false)),
                        .bool(true), .bool(false), .null
                    ])),
                JSONMember("a", .object(JSONObject([JSONMember("x", .string("y"))]))),
                JSONMember("b", .string(""))
            ]))
        #expect(value == expected)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object["a"] == .object(JSONObject([JSONMember("x", .string("y"))])))
        #expect(object["missing"] == nil)
    }

    @Test func int64BeyondDoublePrecisionSurvives() throws {
        let value = try JSONValue.parse("[9223372036854775807, -9223372036854775808, 18446744073709551615, 9007199254740993]")
        guard case .array(let numbers) = value else { Issue.record("not an array"); return }
        let parsed = numbers.compactMap { element -> JSONNumber? in
            if case .number(let number) = element { return number }
            return nil
        }
        #expect(parsed.map(\.int64Value) == [Int64.max, Int64.min, nil, 9_007_199_254_740_993])
        #expect(parsed[2].uint64Value == UInt64.max)
        #expect(parsed[3].text == "9007199254740993")
    }

    @Test(arguments: [
        (#""a\"b\\c\/d\b\f\n\r\t""#, "a\"b\\c/d\u{8}\u{C}\n\r\t"),
        (#""\u00e9\u4e2d""#, "é中"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD83D\uDE00 ok""#, "😀 ok"),
        ("\"é中😀\"", "é中😀"),
        ("\"\"", ""),
        ("\"0123456789abcdef0123456789\\n\"", "0123456789abcdef0123456789\n")
    ])
    func stringEscapes(json: String, expected: String) throws {
        #expect(try JSONValue.parse(json) == .string(expected))
    }

    @Test(arguments: [
        ("", 0, "unexpected end of input"),
        ("{", 1, "unexpected end of input, expected a string key"),
        (#"{"a" 1}"#, 5, "expected ':' after an object key, found '1'"),
        (#"{"a":1,}"#, 7, "expected a string key, found '}'"),
        (#"{"a":1 "b":2}"#, 7, "expected ',' or '}' after an object member"),
        ("[1,]", 3, "expected a JSON value, found ']'"),
        ("[1 2]", 3, "expected ',' or ']' after an array element"),
        ("01", 1, "leading zeros"),
        ("1.", 2, "expected a digit after the decimal point"),
        ("1e", 2, "expected a digit in the exponent"),
        ("-", 1, "expected a digit in a number"),
        ("+1", 0, "expected a JSON value, found '+'"),
        ("tru", 3, "invalid literal, expected 'true'"),
        ("nul", 3, "invalid literal"),
        (#""abc"#, 4, "unterminated string (started at byte 0)"),
        ("\"a\tb\"", 2, "unescaped control character byte 0x09"),
        (#""\x""#, 1, "invalid escape sequence"),
        (#""\u12G4""#, 5, "expected 4 hex digits"),
        (#""\ud83d""#, 1, "not followed by a low surrogate"),
        (#""\ud83d\u0041""#, 1, "not followed by a low surrogate"),
        (#""\ude00""#, 1, "unpaired UTF-16 low surrogate"),
        ("{} x", 3, "after the end of the JSON document"),
        ("[1] [2]", 4, "after the end of the JSON document"),
        ("'a'", 0, "expected a JSON value, found '''")
    ])
    func malformedDocumentsNameTheOffset(json: String, offset: Int, problem: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(json) }
        do {
            _ = try JSONValue.parse(json)
        } catch {
            #expect(error.offset == offset, "\(error)")
            #expect(error.problem.contains(problem), "\(error)")
        }
    }

    @Test(
        arguments: [
            ([0x22, 0xFF, 0x22], 1, "byte 0xFF cannot start a character"),
            ([0x22, 0xC3, 0x22], 2, "not a valid continuation"),
            ([0x22, 0xC0, 0x80, 0x22], 1, "0xC0 cannot start"),  // overlong NUL
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 2, "not a valid continuation"),  // encoded surrogate
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 2, "not a valid continuation"),  // above U+10FFFF
            ([0x22, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xE2, 0x82], 9, "truncated character"),
            ([0x5B, 0xC3, 0xA9, 0x5D], 1, "expected a JSON value, found byte 0xC3")
        ] as [([UInt8], Int, String)])
    func invalidUTF8IsAnErrorAtItsOffset(bytes: [UInt8], offset: Int, problem: String) {
        do {
            _ = try JSONValue.parse(bytes)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.offset == offset, "\(error)")
            #expect(error.problem.contains(problem), "\(error)")
        }
    }

    @Test func leadingByteOrderMarkIsIgnoredElsewhereRejected() throws {
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(JSONNumber(1))]))
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array("[1]".utf8) + [0xEF, 0xBB, 0xBF]) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0xEF, 0xBB]) }
    }

    @Test func nestingIsBounded() throws {
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try JSONValue.parse(ok) }
        let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        do {
            _ = try JSONValue.parse(deep)
            Issue.record("accepted 1000 levels")
        } catch {
            #expect(error.offset == 256)
            #expect(error.problem == "nesting deeper than 256 levels")
        }
        let deepObjects = String(repeating: #"{"a":"#, count: 1000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deepObjects) }
    }

    @Test func hugeNumbersKeepTheirText() throws {
        let digits = String(repeating: "9", count: 400)
        let value = try JSONValue.parse(digits)
        guard case .number(let number) = value else { Issue.record("not a number"); return }
        #expect(number.text == digits)
        #expect(number.int64Value == nil)
        #expect(number.doubleValue == .infinity)
    }

    @Test(arguments: [("12", true), ("-0", true), ("1.5e-3", false), ("1E+2", false)])
    func numbersFromText(text: String, isInteger: Bool) throws {
        let number = try #require(JSONNumber(text: text))
        #expect(number.isInteger == isInteger)
        #expect(number.text == text)
    }

    @Test(arguments: ["", "01", "1.", "+1", " 1", "1 ", "0x10", "NaN", "1e"])
    func nonNumbersAreRejected(text: String) {
        #expect(JSONNumber(text: text) == nil)
    }

    @Test func everyTruncationOfADocumentIsAnErrorNotACrash() {
        let document = Array(#"{"a":[1,-2.5e-3,"x\u00e9\n",{"b":null,"c":true}],"d":false}"#.utf8)
        #expect(throws: Never.self) { try JSONValue.parse(document) }
        for length in 0..<document.count {
            #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(document[0..<length])) }
        }
    }
}

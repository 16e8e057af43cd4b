/// A generic JSON tree for callers that do not know the shape in advance (structured log lines).
/// Numbers keep their literal text and objects keep their key order and duplicate keys, so nothing the
/// sender wrote is lost or reordered. The OTLP decoders do not use it: they read the bytes directly.
package enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Parses one complete JSON document (RFC 8259, UTF-8, nesting at most 256 deep).
    package static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var reader = JSONReader(bytes)
        reader.skipByteOrderMark()
        let value = try reader.readValue()
        try reader.finish()
        return value
    }

    package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) in try parse(raw) }
        }
        return try result.get()
    }

    package static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// A number as written in the document. Equality is by text: `1` and `1.0` differ, as they do on the wire.
package struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    package let text: String
    /// True when written without fraction or exponent.
    package let isInteger: Bool

    package init(text: String, isInteger: Bool) {
        self.text = text
        self.isInteger = isInteger
    }

    package init(_ value: Int64) { self.init(text: String(value), isInteger: true) }

    /// A number from its JSON text; nil unless the whole text is one RFC 8259 number.
    package init?(text: String) {
        var utf8 = Array(text.utf8)
        let token: JSONNumberToken? = utf8.withUnsafeMutableBytes { buffer in
            var reader = JSONReader(UnsafeRawBufferPointer(buffer))
            guard let token = try? reader.readNumberToken(), reader.isAtEnd else { return nil }
            return token
        }
        guard let token else { return nil }
        self.init(text: text, isInteger: token.isInteger)
    }

    /// The exact value when it is an integer literal within Int64.
    package var int64Value: Int64? {
        guard isInteger else { return nil }
        var text = text
        return text.withUTF8 { DecimalInteger.int64(UnsafeRawBufferPointer($0)) }
    }

    /// The exact value when it is a non-negative integer literal within UInt64.
    package var uint64Value: UInt64? {
        guard isInteger else { return nil }
        var text = text
        return text.withUTF8 { DecimalInteger.uint64(UnsafeRawBufferPointer($0)) }
    }

    /// The nearest Double (±infinity when the magnitude is beyond Double's range).
    package var doubleValue: Double { Double(text) ?? .nan }

    package var description: String { text }
}

/// An object's members in document order. Lookup by key returns the first match.
package struct JSONObject: Hashable, Sendable {
    package var members: [JSONMember]

    package init(_ members: [JSONMember] = []) { self.members = members }

    package subscript(key: String) -> JSONValue? {
        members.first(where: { $0.key == key })?.value
    }
}

package struct JSONMember: Hashable, Sendable {
    package var key: String
    package var value: JSONValue

    package init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONReader {
    /// Reads any value into a tree. Recursion is bounded by the reader's depth limit.
    package mutating func readValue() throws(JSONParseError) -> JSONValue {
        switch peek() ?? 0 {  // 0: end of input, reported by `default`
        case UInt8(ascii: "{"):
            var members: [JSONMember] = []
            guard try openObject() else { return .object(JSONObject()) }
            repeat {
                let key = string(try readKey())
                members.append(JSONMember(key, try readValue()))
            } while try nextMember()
            return .object(JSONObject(members))
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            guard try openArray() else { return .array([]) }
            repeat {
                elements.append(try readValue())
            } while try nextElement()
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(string(try readStringToken()))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try readBool())
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let token = try readNumberToken()
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
            return .number(JSONNumber(text: text, isInteger: token.isInteger))
        default:
            throw unexpected(expected: "a JSON value")
        }
    }
}

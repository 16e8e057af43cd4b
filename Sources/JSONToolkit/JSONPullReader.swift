/// The byte-level reader for callers outside JSONToolkit that know the shape of the document they read (tracetop
/// reads a 10,000-span Jaeger trace with it): tokens are pulled one at a time and only the values kept become
/// Swift values, where `JSONValue.parse` would first build a tree of every key, string and number.
/// Keys are compared with their bytes; strings repeated across the document (trace ids, attribute keys) are
/// made once (`RecentStrings`). Validation is the same as `JSONValue.parse`: strict RFC 8259, bounded nesting.
package struct JSONPullReader {
    private var reader: JSONReader
    private var recent = RecentStrings()

    /// What the next value is, without consuming it.
    package enum Kind: Sendable {
        case object, array, string, number, bool, null, endOfInput, invalid
    }

    /// A member key as a range of the input; compare it with `key(_:is:)`, or make a `String` with `string(of:)`.
    package struct Key {
        fileprivate let token: JSONStringToken
    }

    /// Reads one document from `bytes` with `body`, then checks that nothing but whitespace follows it.
    /// Throws what `body` throws (callers add errors of their own about the shape), or a `JSONParseError`.
    package static func read<Result>(
        _ bytes: UnsafeRawBufferPointer, _ body: (inout JSONPullReader) throws -> Result
    ) throws -> Result {
        var pull = JSONPullReader(reader: JSONReader(bytes))
        pull.reader.skipByteOrderMark()
        let result = try body(&pull)
        try pull.reader.finish()
        return result
    }

    private init(reader: JSONReader) { self.reader = reader }

    /// Byte offset of the next token, for error messages.
    package var offset: Int { reader.position }

    package mutating func peek() -> Kind {
        switch JSONValueKind(firstByte: reader.peek()) {
        case .object: return .object
        case .array: return .array
        case .string: return .string
        case .number: return .number
        case .bool: return .bool
        case .null: return .null
        case .endOfInput: return .endOfInput
        case .invalid: return .invalid
        }
    }

    // MARK: Structure (the same protocol as the OTLP decoders: open, then loop while another member follows)

    /// Consumes '{'; false when the object is empty (its '}' consumed too).
    package mutating func openObject() throws(JSONParseError) -> Bool { try reader.openObject() }

    /// Reads `"key" :`.
    package mutating func readKey() throws(JSONParseError) -> Key { Key(token: try reader.readKey()) }

    /// After a member's value: true when another member follows, false at the object's end.
    package mutating func nextMember() throws(JSONParseError) -> Bool { try reader.nextMember() }

    /// Consumes '['; false when the array is empty (its ']' consumed too).
    package mutating func openArray() throws(JSONParseError) -> Bool { try reader.openArray() }

    /// After an element: true when another element follows, false at the array's end.
    package mutating func nextElement() throws(JSONParseError) -> Bool { try reader.nextElement() }

    /// True when the key is exactly `name` (no `String` is made).
    package func key(_ key: Key, is name: StaticString) -> Bool {
        guard !key.token.hasEscapes, key.token.count == name.utf8CodeUnitCount else {
            return key.token.hasEscapes && string(of: key) == name.description
        }
        let bytes = reader.rawBytes(key.token)
        let expected = name.utf8Start
        for index in 0..<bytes.count where bytes[index] != expected[index] { return false }
        return true
    }

    package func string(of key: Key) -> String { reader.string(key.token) }

    // MARK: Values

    /// Reads a string value (the caller has seen `.string` from `peek`, or gets a mismatch error).
    package mutating func readString() throws(JSONParseError) -> String {
        guard reader.peek() == UInt8(ascii: "\"") else { throw reader.mismatch(expected: "a string") }
        let token = try reader.readStringToken()
        return token.hasEscapes ? reader.string(token) : recent.string(reader.rawBytes(token))
    }

    /// Reads a number; `integer` is its exact value when written as an integer within Int64.
    package mutating func readNumber() throws(JSONParseError) -> (integer: Int64?, double: Double) {
        guard JSONValueKind(firstByte: reader.peek()) == .number else { throw reader.mismatch(expected: "a number") }
        let token = try reader.readNumberToken()
        let text = UnsafeRawBufferPointer(rebasing: reader.bytes[token.start..<token.end])
        if token.isInteger, let value = DecimalInteger.int64(text) { return (value, Double(value)) }
        return (nil, Double(String(decoding: text, as: UTF8.self)) ?? .nan)
    }

    package mutating func readBool() throws(JSONParseError) -> Bool { try reader.readBool() }

    /// Consumes `null` if it is next; false (nothing consumed) otherwise.
    package mutating func consumeNull() throws(JSONParseError) -> Bool { try reader.consumeNull() }

    /// Any value as a tree, for the places whose shape is open.
    package mutating func readValue() throws(JSONParseError) -> JSONValue { try reader.readValue() }

    /// Steps over a value (still validated).
    package mutating func skipValue() throws(JSONParseError) { try reader.skipValue() }
}

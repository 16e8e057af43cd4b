/// A strict RFC 8259 reader that walks raw bytes without building anything: callers ask for the next token
/// and decide what to keep. Both the generic `JSONValue` tree and the OTLP decoders are built on it.
///
/// Nesting is bounded (`maxDepth`) so hostile input cannot exhaust the stack of the recursive callers.
/// Every error carries the byte offset where reading stopped.
package struct JSONReader {
    package static let defaultMaxDepth = 256

    package let bytes: UnsafeRawBufferPointer
    package var position = 0
    package var depth = 0
    package let maxDepth: Int

    package init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONReader.defaultMaxDepth) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    package var isAtEnd: Bool { position >= bytes.count }

    /// Steps over a leading UTF-8 byte order mark: RFC 8259 lets parsers ignore one, and some clients send it.
    package mutating func skipByteOrderMark() {
        if position == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    package func error(_ problem: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? position, problem: problem)
    }

    /// "expected X, found Y" at the current position (whitespace already skipped by the caller).
    package mutating func mismatch(expected: String) -> JSONParseError {
        let found = JSONValueKind(firstByte: peek())
        return error("expected \(expected), found \(found.phrase)")
    }

    // MARK: Bytes and whitespace

    @inline(__always)
    package func byte(at offset: Int) -> UInt8 { bytes[offset] }

    @inline(__always)
    package mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    /// The first byte of the next token (whitespace skipped), or nil at the end of the input.
    @inline(__always)
    package mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Consumes `expected` (after whitespace) or throws naming what was wanted there.
    @inline(__always)
    package mutating func consume(_ expected: UInt8, _ what: StaticString) throws(JSONParseError) {
        guard peek() == expected else { throw unexpected(expected: "\(what)") }
        position += 1
    }

    package func unexpected(expected: String) -> JSONParseError {
        if position >= bytes.count { return error("unexpected end of input, expected \(expected)") }
        return error("expected \(expected), found \(Self.describe(bytes[position]))")
    }

    package static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
    }

    // MARK: Structure

    /// Consumes '{'. Returns false when the object is empty (its '}' consumed too).
    package mutating func openObject() throws(JSONParseError) -> Bool {
        try consume(UInt8(ascii: "{"), "'{'")
        try enter()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return false
        }
        return true
    }

    /// Reads `"key" :` and returns the key's token.
    package mutating func readKey() throws(JSONParseError) -> JSONStringToken {
        guard peek() == UInt8(ascii: "\"") else { throw unexpected(expected: "a string key") }
        let key = try readStringToken()
        try consume(UInt8(ascii: ":"), "':' after an object key")
        return key
    }

    /// After a member's value: true when another member follows (',' consumed), false at '}' (consumed).
    package mutating func nextMember() throws(JSONParseError) -> Bool {
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            return true
        case UInt8(ascii: "}"):
            position += 1
            depth -= 1
            return false
        default:
            throw unexpected(expected: "',' or '}' after an object member")
        }
    }

    /// Consumes '['. Returns false when the array is empty (its ']' consumed too).
    package mutating func openArray() throws(JSONParseError) -> Bool {
        try consume(UInt8(ascii: "["), "'['")
        try enter()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return false
        }
        return true
    }

    /// After an element: true when another element follows (',' consumed), false at ']' (consumed).
    package mutating func nextElement() throws(JSONParseError) -> Bool {
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            return true
        case UInt8(ascii: "]"):
            position += 1
            depth -= 1
            return false
        default:
            throw unexpected(expected: "',' or ']' after an array element")
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth {
            throw error("nesting deeper than \(maxDepth) levels", at: position - 1)
        }
    }

    // MARK: Literals

    /// Consumes `null` if it is next; false (nothing consumed) otherwise.
    @inline(__always)
    package mutating func consumeNull() throws(JSONParseError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try readLiteral("null")
        return true
    }

    /// Reads `true` or `false`.
    package mutating func readBool() throws(JSONParseError) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return true
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return false
        default:
            throw mismatch(expected: "a boolean")
        }
    }

    package mutating func readLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        for index in 0..<count {
            guard position + index < bytes.count, bytes[position + index] == text[index] else {
                throw error("invalid literal, expected '\(literal)'", at: position + index)
            }
        }
        position += count
    }

    /// After the top-level value: only whitespace may follow.
    package mutating func finish() throws(JSONParseError) {
        skipWhitespace()
        if position < bytes.count {
            throw error("unexpected \(Self.describe(bytes[position])) after the end of the JSON document")
        }
    }

}

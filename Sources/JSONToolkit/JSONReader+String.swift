/// Strings: scanning validates escapes and UTF-8 once; making a `String` or unescaped bytes is left to the
/// caller, who does it only for values it keeps.
extension JSONReader {
    /// Reads a string whose opening quote is at the current position; returns its content range.
    package mutating func readStringToken() throws(JSONParseError) -> JSONStringToken {
        position += 1  // opening quote
        let start = position
        var hasEscapes = false
        let count = bytes.count
        while true {
            // Eight bytes at a time while none of them needs attention: the common case for keys and values.
            while position + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                if Self.needsAttention(word) { break }
                position += 8
            }
            guard position < count else { throw error("unterminated string (started at byte \(start - 1))") }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return JSONStringToken(start: start, end: position - 1, hasEscapes: hasEscapes)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                try skipEscape()
            case 0..<0x20:
                throw error("unescaped control character \(Self.describe(byte)) in a string")
            case 0x80...:
                try skipUTF8Sequence()
            default:
                position += 1
            }
        }
    }

    /// True when one of the eight bytes is a quote, a backslash, a control character or non-ASCII.
    @inline(__always)
    package static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        let hasControl = (word &- ones &* 0x20) & ~word & highs
        return (word & highs) | hasQuote | hasBackslash | hasControl != 0
    }

    private mutating func skipEscape() throws(JSONParseError) {
        let escapeStart = position
        guard position + 1 < bytes.count else { throw error("unterminated escape sequence in a string") }
        switch bytes[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: position + 2)
            position += 6
            if (0xDC00...0xDFFF).contains(unit) {
                throw error("unpaired UTF-16 low surrogate \\u\(String(unit, radix: 16))", at: escapeStart)
            }
            if (0xD800...0xDBFF).contains(unit) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
                    (0xDC00...0xDFFF).contains(try hex4(at: position + 2))
                else {
                    throw error("UTF-16 high surrogate \\u\(String(unit, radix: 16)) not followed by a low surrogate", at: escapeStart)
                }
                position += 6
            }
        default:
            throw error("invalid escape sequence '\\\(Self.describe(bytes[position + 1]))' in a string")
        }
    }

    /// Four hex digits of a `\u` escape.
    package func hex4(at offset: Int) throws(JSONParseError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("unterminated \\u escape in a string", at: offset) }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) {
            guard let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue else {
                throw error("expected 4 hex digits after \\u, found \(Self.describe(bytes[index]))", at: index)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        let lead = bytes[position]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw error("invalid UTF-8: byte 0x\(String(lead, radix: 16, uppercase: true)) cannot start a character")
        }
        for index in 1..<length {
            let offset = position + index
            guard offset < bytes.count else { throw error("invalid UTF-8: truncated character", at: position) }
            let byte = bytes[offset]
            let range: ClosedRange<UInt8> = index == 1 ? low...high : 0x80...0xBF
            guard range.contains(byte) else {
                throw error("invalid UTF-8: byte 0x\(String(byte, radix: 16, uppercase: true)) is not a valid continuation", at: offset)
            }
        }
        position += length
    }

    // MARK: Using a token

    /// The token's bytes as they are in the input (only meaningful without escapes).
    package func rawBytes(_ token: JSONStringToken) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
    }

    /// The string's value. Scanning already validated it, so this cannot fail.
    package func string(_ token: JSONStringToken) -> String {
        if !token.hasEscapes { return String(decoding: rawBytes(token), as: UTF8.self) }
        return String(decoding: unescapedBytes(token), as: UTF8.self)
    }

    /// The string's value as UTF-8 with escapes resolved.
    package func unescapedBytes(_ token: JSONStringToken) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(token.count)
        var index = token.start
        while index < token.end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                // Validated while scanning: a lone surrogate cannot reach here.
                var scalar = (try? hex4(at: index)) ?? 0xFFFD
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    let low = (try? hex4(at: index + 2)) ?? 0xDC00
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                appendUTF8(scalar, to: &output)
            default: output.append(escaped)  // " \ /
            }
        }
        return output
    }

    private func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

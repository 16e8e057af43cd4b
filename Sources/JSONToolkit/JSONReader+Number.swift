/// Numbers: scanned per the RFC 8259 grammar and kept as text; integers are read digit by digit so int64 and
/// uint64 values above 2^53 survive exactly.
extension JSONReader {
    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` at the current position.
    package mutating func readNumberToken() throws(JSONParseError) -> JSONNumberToken {
        let start = position
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, Self.isDigit(bytes[position]) else {
            throw unexpected(expected: "a digit in a number")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, Self.isDigit(bytes[position]) {
                throw error("leading zeros are not allowed in a number")
            }
        } else {
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw unexpected(expected: "a digit after the decimal point")
            }
            skipDigits()
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw unexpected(expected: "a digit in the exponent")
            }
            skipDigits()
        }
        return JSONNumberToken(start: start, end: position, isInteger: isInteger)
    }

    @inline(__always)
    package static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func skipDigits() {
        while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
    }
}

/// Decimal integer text → fixed-width integers, without going through Double.
package enum DecimalInteger {
    /// Parses `-?[0-9]+` from raw bytes; nil when the text is not that or the magnitude exceeds UInt64.
    package static func parse(_ text: UnsafeRawBufferPointer) -> (negative: Bool, magnitude: UInt64)? {
        var index = 0
        var negative = false
        if text.count > 0, text[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        guard index < text.count else { return nil }
        var value: UInt64 = 0
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
            index += 1
        }
        return (negative, value)
    }

    package static func int64(_ text: UnsafeRawBufferPointer) -> Int64? {
        guard let (negative, magnitude) = parse(text) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    package static func uint64(_ text: UnsafeRawBufferPointer) -> UInt64? {
        guard let (negative, magnitude) = parse(text) else { return nil }
        if negative { return magnitude == 0 ? 0 : nil }
        return magnitude
    }
}

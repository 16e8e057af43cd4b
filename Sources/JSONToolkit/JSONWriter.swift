/// Appends JSON to a byte buffer. Commas are placed automatically: every value and key asks `separate()`
/// first, so callers write fields in order without tracking "first member" themselves.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    private var needsComma = false

    package init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    package mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    package mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    package mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    package mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member key; the next write is its value. Keys are ASCII constants, so they need no escaping.
    package mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        // Two appends, not an array literal: a key is written for every member of every object.
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A member key known only at run time (attribute keys, map keys): escaped like any string.
    /// Disfavoured so that a literal `key("name")` takes the `StaticString` overload (a plain copy) rather
    /// than this one (a scan for characters to escape), which Swift would otherwise prefer for a literal.
    @_disfavoredOverload
    package mutating func key(_ key: String) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Text that is already valid JSON (a number, a literal).
    package mutating func raw(_ text: StaticString) {
        separate()
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        needsComma = true
    }

    package mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    package mutating func number(_ value: some BinaryInteger) {
        separate()
        appendDecimal(value)
        needsComma = true
    }

    /// 64-bit integers as OTLP JSON writes them: a decimal string (JavaScript readers lose digits above 2^53).
    package mutating func quotedNumber(_ value: some BinaryInteger) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendDecimal(value)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// 64-bit words as one string of lowercase hex, 16 digits each, written straight into the buffer (ids: a trace's
    /// JSON holds thousands, `JSONWriter+IDs` in WireCodecs).
    package mutating func hexString(_ word: UInt64) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendHex(word)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    package mutating func hexString(_ high: UInt64, _ low: UInt64) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendHex(high)
        appendHex(low)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Digits without making a `String` first: times and durations are most of a trace's numbers.
    private mutating func appendDecimal(_ value: some BinaryInteger) {
        guard let magnitude = UInt64(exactly: value.magnitude) else {
            bytes.append(contentsOf: String(value).utf8)
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = magnitude
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest != 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    private mutating func appendHex(_ value: UInt64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { digits in
            for index in 0..<16 {
                digits[index] = Self.hexDigit(UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * index)) & 0xF)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(digits))
        }
    }

    /// Finite doubles as numbers (shortest round-tripping form); NaN and ±Infinity as the strings OTLP uses.
    package mutating func double(_ value: Double) {
        if value.isNaN { return string("NaN") }
        if value.isInfinite { return string(value < 0 ? "-Infinity" : "Infinity") }
        separate()
        bytes.append(contentsOf: value.description.utf8)
        needsComma = true
    }

    /// A quoted string: `"` and `\` escaped, control characters as short escapes or `\u00XX`.
    package mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [
                UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0xF)
            ])
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

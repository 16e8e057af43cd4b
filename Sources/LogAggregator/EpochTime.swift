/// Epoch times written as decimal numbers (see `LogTime` for how the unit is chosen).
enum EpochTime {
    /// Upper bounds of the integer part for seconds, milliseconds and microseconds; anything larger is nanoseconds.
    private static let units: [(below: UInt64, nanosPerUnit: UInt64, fractionDigits: Int)] = [
        (100_000_000_000, 1_000_000_000, 9),
        (100_000_000_000_000, 1_000_000, 6),
        (100_000_000_000_000_000, 1_000, 3),
        (UInt64.max, 1, 0)
    ]

    /// True for `digits` or `digits.digits` (a numeric string; exponents only as JSON numbers).
    static func looksNumeric(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2, let integer = parts.first, !integer.isEmpty else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    /// Nanoseconds for a JSON number's text (`-`, fraction and exponent possible) or a numeric string.
    static func unixNanos(_ text: String) throws(LogTime.Failure) -> UInt64 {
        let utf8 = Array(text.utf8)
        if utf8.first == UInt8(ascii: "-") { throw LogTime.Failure("before 1970") }
        if utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            return try unixNanos(scientific: text)
        }
        let dot = utf8.firstIndex(of: UInt8(ascii: ".")) ?? utf8.endIndex
        let integerDigits = utf8[..<dot]
        let fractionDigits = dot < utf8.endIndex ? utf8[(dot + 1)...] : []
        guard !integerDigits.isEmpty, integerDigits.count <= 20 else { throw LogTime.Failure("too large") }
        var integer: UInt64 = 0
        for digit in integerDigits {
            let (shifted, overflow1) = integer.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digit &- 0x30))
            guard !overflow1, !overflow2 else { throw LogTime.Failure("too large") }
            integer = sum
        }
        let unit = units.first { integer < $0.below } ?? units[units.count - 1]
        // Fraction digits below a nanosecond are dropped; missing ones are zeros.
        var fraction: UInt64 = 0
        var used = 0
        for digit in fractionDigits.prefix(unit.fractionDigits) {
            fraction = fraction * 10 + UInt64(digit &- 0x30)
            used += 1
        }
        for _ in used..<unit.fractionDigits { fraction *= 10 }
        let (whole, overflow1) = integer.multipliedReportingOverflow(by: unit.nanosPerUnit)
        let (nanos, overflow2) = whole.addingReportingOverflow(fraction)
        guard !overflow1, !overflow2 else { throw LogTime.Failure("after the year 2554") }
        return nanos
    }

    /// `1.7324900001e9`: precision is a double's, which is what a sender writing exponents gets anyway.
    private static func unixNanos(scientific text: String) throws(LogTime.Failure) -> UInt64 {
        guard let value = Double(text), value.isFinite else { throw LogTime.Failure("too large") }
        guard value >= 0 else { throw LogTime.Failure("before 1970") }
        let unit = units.first { value < Double($0.below) } ?? units[units.count - 1]
        let nanos = value * Double(unit.nanosPerUnit)
        guard nanos < 18_446_744_073_709_551_615.0 else { throw LogTime.Failure("after the year 2554") }
        return UInt64(nanos)
    }
}

import JSONToolkit

/// Reads the time of a structured log line: an RFC 3339 string, or epoch time as a number or a numeric string.
///
/// Epoch values carry no unit, so the unit is decided by the magnitude of the integer part (the convention log
/// shippers use): below 1e11 seconds, below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds. Every
/// unit's range starts before 1973-03, so any real log time is read in the right unit. Fractions are kept to the
/// nanosecond (`1732490000.123456` is seconds with microseconds). Times after 2554 do not fit `UInt64`
/// nanoseconds and are refused, as are times before 1970.
enum LogTime {
    /// Why a value is not a time. `detail` is empty when the value is simply not in a known format.
    struct Failure: Error, Hashable, Sendable {
        let detail: String
        init(_ detail: String = "") { self.detail = detail }
    }

    /// Nanoseconds since the epoch; nil for JSON `null` (no time given).
    static func unixNanos(_ value: JSONValue) throws(Failure) -> UInt64? {
        switch value {
        case .null:
            return nil
        case .number(let number):
            return try EpochTime.unixNanos(number.text)
        case .string(let text):
            guard text.utf8.count <= maxTextBytes else { throw Failure() }
            let trimmed = text.trimmingASCIIWhitespace()
            if EpochTime.looksNumeric(trimmed) { return try EpochTime.unixNanos(trimmed) }
            return try RFC3339.unixNanos(trimmed)
        case .bool, .array, .object:
            throw Failure()
        }
    }

    /// Longest time string read (with surrounding spaces): an RFC 3339 time with nanoseconds and an offset is 35 bytes.
    static let maxTextBytes = 64
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
            let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}

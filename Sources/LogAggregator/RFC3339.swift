/// RFC 3339 date-times: `2024-11-24T12:00:00Z`, `2024-11-24T12:00:00.123456789+01:00`.
///
/// Accepted beyond the strict grammar because real loggers write them: a space or lowercase `t` between date and
/// time, lowercase `z`, a comma before the fraction (Python's `asctime`), an offset without a colon (`+0100`,
/// strftime's `%z`), and no offset at all, which is read as UTC (the log line gives no better guess).
/// Fractions are kept to the nanosecond; further digits are dropped.
enum RFC3339 {
    static func unixNanos(_ text: String) throws(LogTime.Failure) -> UInt64 {
        var reader = Reader(bytes: Array(text.utf8))
        guard let year = reader.number(digits: 4), reader.skip("-"),
            let month = reader.number(digits: 2), reader.skip("-"),
            let day = reader.number(digits: 2), reader.skipAny("T", "t", " "),
            let hour = reader.number(digits: 2), reader.skip(":"),
            let minute = reader.number(digits: 2), reader.skip(":"),
            let second = reader.number(digits: 2)
        else { throw LogTime.Failure() }
        var fraction: UInt64 = 0
        if reader.skipAny(".", ",") {
            var digits = 0
            while let digit = reader.digit() {
                if digits < 9 { fraction = fraction * 10 + UInt64(digit) }
                digits += 1
            }
            guard digits > 0 else { throw LogTime.Failure() }
            for _ in min(digits, 9)..<9 { fraction *= 10 }
        }
        var offsetSeconds: Int64 = 0
        if reader.skipAny("Z", "z") {
            // UTC
        } else if let sign = reader.sign() {
            guard let offsetHour = reader.number(digits: 2) else { throw LogTime.Failure() }
            _ = reader.skip(":")
            guard let offsetMinute = reader.number(digits: 2) else { throw LogTime.Failure() }
            guard offsetHour <= 23, offsetMinute <= 59 else { throw LogTime.Failure("offset out of range") }
            offsetSeconds = sign * Int64(offsetHour * 3600 + offsetMinute * 60)
        }
        guard reader.isAtEnd else { throw LogTime.Failure() }

        guard (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
            hour <= 23, minute <= 59, second <= 60
        else { throw LogTime.Failure("no such date or time") }
        // A leap second (:60) is read as the first second of the next minute, as most clocks show it.
        let days = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - offsetSeconds
        guard seconds >= 0 else { throw LogTime.Failure("before 1970") }
        let (whole, overflow1) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let (nanos, overflow2) = whole.addingReportingOverflow(fraction)
        guard !overflow1, !overflow2 else { throw LogTime.Failure("after the year 2554") }
        return nanos
    }

    /// A cursor over ASCII bytes.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func digit() -> Int? {
            guard position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 else { return nil }
            defer { position += 1 }
            return Int(bytes[position] - 0x30)
        }

        mutating func number(digits: Int) -> Int? {
            var value = 0
            for _ in 0..<digits {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func skip(_ character: Unicode.Scalar) -> Bool { skipAny(character) }

        /// Consumes one of the given ASCII characters.
        mutating func skipAny(_ characters: Unicode.Scalar...) -> Bool {
            guard position < bytes.count, characters.contains(where: { $0.value == UInt32(bytes[position]) }) else { return false }
            position += 1
            return true
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}

/// Proleptic Gregorian calendar arithmetic for UTC dates.
enum CivilCalendar {
    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the date (negative before it). Counts whole 400-year cycles (146 097 days)
    /// from 0000-03-01, with March as the first month so the leap day falls at the end of a year.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int64(era * 146_097 + dayOfEra - 719_468)
    }
}

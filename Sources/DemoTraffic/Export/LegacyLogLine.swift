/// One NDJSON log line of a legacy service: `ts` (RFC 3339), `level`, `msg`, `service`, `correlation_id`
/// and a few fields of its own, but no trace context. Written by hand into bytes because the benchmark
/// generates millions of them.
struct LegacyLogLine: Exportable, Hashable {
    var readyTime: UInt64
    var bytes: [UInt8]

    init(
        time: UInt64, level: LogLevel, service: ShopService, message: String, correlationID: String,
        fields: [(String, String)]
    ) {
        readyTime = time
        var out: [UInt8] = []
        out.reserveCapacity(160 + message.utf8.count)
        out.append(contentsOf: #"{"ts":""#.utf8)
        RFC3339.append(nanos: time, to: &out)
        out.append(contentsOf: #"","level":""#.utf8)
        out.append(contentsOf: level.legacyName.utf8)
        out.append(contentsOf: #"","msg":"#.utf8)
        JSONText.appendString(message, to: &out)
        out.append(contentsOf: #","service":"#.utf8)
        JSONText.appendString(service.name, to: &out)
        out.append(contentsOf: #","correlation_id":"#.utf8)
        JSONText.appendString(correlationID, to: &out)
        for (key, value) in fields {
            out.append(UInt8(ascii: ","))
            JSONText.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONText.appendString(value, to: &out)
        }
        out.append(contentsOf: "}\n".utf8)
        bytes = out
    }
}

/// The severities the shop logs at, with both spellings a log can carry.
enum LogLevel: Sendable {
    case debug, info, warn, error

    var severityNumber: Int32 {
        switch self {
        case .debug: return 5
        case .info: return 9
        case .warn: return 13
        case .error: return 17
        }
    }

    var otlpName: String {
        switch self {
        case .debug: return "DEBUG"
        case .info: return "INFO"
        case .warn: return "WARN"
        case .error: return "ERROR"
        }
    }

    var legacyName: String {
        switch self {
        case .debug: return "debug"
        case .info: return "info"
        case .warn: return "warning"
        case .error: return "error"
        }
    }
}

enum JSONText {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a quoted JSON string.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// `2026-01-01T00:00:00.123456Z` from Unix nanoseconds, without Foundation's formatters (too slow for the
/// benchmark's inner loop). Civil-from-days is Howard Hinnant's published algorithm.
enum RFC3339 {
    static func append(nanos: UInt64, to out: inout [UInt8]) {
        let seconds = Int64(nanos / 1_000_000_000)
        let micros = Int((nanos % 1_000_000_000) / 1_000)
        let days = seconds / 86_400
        let secondOfDay = Int(seconds % 86_400)
        let z = days + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        digits(year, 4, &out); out.append(UInt8(ascii: "-"))
        digits(month, 2, &out); out.append(UInt8(ascii: "-"))
        digits(day, 2, &out); out.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2, &out); out.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2, &out); out.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2, &out); out.append(UInt8(ascii: "."))
        digits(micros, 6, &out); out.append(UInt8(ascii: "Z"))
    }

    static func string(nanos: UInt64) -> String {
        var out: [UInt8] = []
        append(nanos: nanos, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func digits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}

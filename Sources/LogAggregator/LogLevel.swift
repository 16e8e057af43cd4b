import JSONToolkit
import TraceModel

/// Maps the level of a structured log line to OpenTelemetry's severity number (1–4 TRACE, 5–8 DEBUG,
/// 9–12 INFO, 13–16 WARN, 17–20 ERROR, 21–24 FATAL).
package enum LogLevel {
    /// Level names of the common loggers (log4j/logback, Python logging, syslog, zap/zerolog/logrus, pino/bunyan,
    /// .NET, Serilog, java.util.logging), lowercase. Within a range, the more severe name of one logger gets the
    /// higher number, so ordering by severity number keeps that logger's order (notice > info, emerg > alert > crit).
    static let names: [String: Int32] = [
        "trace": 1, "trc": 1, "verbose": 1, "finest": 1, "finer": 2,
        "debug": 5, "dbg": 5, "dbug": 5, "fine": 5, "config": 7,
        "info": 9, "inf": 9, "information": 9, "informational": 9, "notice": 10,
        "warn": 13, "wrn": 13, "warning": 13,
        "error": 17, "err": 17, "eror": 17, "severe": 17,
        "fatal": 21, "ftl": 21, "critical": 21, "crit": 21, "panic": 21, "alert": 22, "emerg": 23, "emergency": 23
    ]

    /// pino and bunyan write levels as 10 (trace) … 60 (fatal).
    private static let pino: [Int64: Int32] = [10: 1, 20: 5, 30: 9, 40: 13, 50: 17, 60: 21]

    /// The severity number for a level name (any case), or nil when the name is not known.
    package static func severityNumber(named name: String) -> Int32? {
        let lower = name.lowercased()
        // Otherwise OpenTelemetry's own short names, with the variant digit: `INFO2`, `ERROR4`.
        return names[lower] ?? Severity.number(shortName: name.uppercased())
    }

    /// The severity number for a numeric level. pino/bunyan's 10, 20, … 60 take precedence over OpenTelemetry's
    /// numbers 10 (INFO2) and 20 (ERROR4): a log line with a number in its `level` field comes from pino far more
    /// often than from a writer of OpenTelemetry numbers, who would more likely use names. Other 1–24 are OTel's.
    package static func severityNumber(_ number: Int64) -> Int32? {
        if let mapped = pino[number] { return mapped }
        if (1...24).contains(number) { return Int32(number) }
        return nil
    }

    /// Severity number and text of a level field; nil for `null` or an empty string (no level given).
    /// A name no logger uses is kept as the text with number 0 (unset): a custom level is not an error.
    /// Numbers keep OpenTelemetry's short name as text. Other types, and numbers outside both scales, throw.
    static func severity(_ value: JSONValue) throws(Failure) -> (number: Int32, text: String)? {
        switch value {
        case .null:
            return nil
        case .string(let text):
            let trimmed = text.trimmingASCIIWhitespace()
            if trimmed.isEmpty { return nil }
            if trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                guard let number = Int64(trimmed).flatMap(severityNumber) else { throw Failure() }
                return (number, Severity.name(of: number))
            }
            return (severityNumber(named: trimmed) ?? 0, text)
        case .number(let number):
            guard let integer = number.int64Value, let severity = severityNumber(integer) else { throw Failure() }
            return (severity, Severity.name(of: severity))
        case .bool, .array, .object:
            throw Failure()
        }
    }

    struct Failure: Error {}
}

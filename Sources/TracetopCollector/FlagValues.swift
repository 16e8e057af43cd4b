import ArgumentParser
import Foundation
import TraceModel

/// Flag values with units: `--retention 72h`, `--max-db-size 10GB`. Each parser names the flag in its error.
enum FlagValues {
    /// `a, b,c` → ["a", "b", "c"]: spaces around commas and empty items ignored.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A whole number above zero (`unit` names what it counts, for the message).
    static func positiveInteger(_ text: String, flag: String, unit: String) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 else {
            throw ValidationError("\(flag) must be a positive number\(unit.isEmpty ? "" : " of \(unit)"), got '\(text)'")
        }
        return value
    }

    /// A duration (`90s`, `30m`, `72h`, `7d`, `2w`: `DurationGrammar`), or `off`; returned as nanoseconds (nil for off).
    static func duration(_ text: String, flag: String) throws -> UInt64? {
        if ["off", "none", "0", ""].contains(text.trimmingCharacters(in: .whitespaces).lowercased()) { return nil }
        guard let nanos = DurationGrammar.nanoseconds(text, bareNumbers: .refused), nanos > 0 else {
            throw ValidationError(
                "\(flag) must be a duration such as 90s, 30m, 72h or 7d (units \(DurationGrammar.unitsHelp)) or off, got '\(text)'")
        }
        return nanos
    }

    /// `500MB`, `10GB`, `1TB`, `1048576` (bytes), or `off`; decimal units (GB = 10^9), binary with `GiB`.
    static func bytes(_ text: String, flag: String, canBeOff: Bool = true) throws -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if canBeOff, ["off", "none", "0", ""].contains(trimmed) { return nil }
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let units: [String: Double] = [
            "": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
            "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776
        ]
        let unit = String(trimmed.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces)
        guard let number = Double(digits), number > 0, let scale = units[unit], number * scale < 9e18, number * scale >= 1_048_576 else {
            throw ValidationError(
                "\(flag) must be a size of at least 1MB such as 500MB or 10GB\(canBeOff ? " (or off)" : ""), got '\(text)'")
        }
        return Int(number * scale)
    }

    /// A token read from a file (its first line, surrounding whitespace removed): keeps it out of `ps`.
    static func token(fromFile path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("--auth-token-file: cannot read '\(path)'")
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !token.isEmpty else { throw ValidationError("--auth-token-file: '\(path)' holds no token") }
        return token
    }
}

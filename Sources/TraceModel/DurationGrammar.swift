/// Durations as every part of tracetop reads them: the query API's parameters (v1 and api_v3), tracetop's filter
/// prompt and the collector's flags. One or more numbers, each followed by a unit, as Go writes them: `500ms`,
/// `1.5s`, `250us`, `1h30m`, `7d`. Units: `ns`; `us` (also `µs`, `μs`); `ms`; `s`; `m`; `h`; `d` (24 hours);
/// `w` (7 days); any case. A number alone is read in the caller's unit for bare numbers (microseconds where Jaeger's
/// API takes them, seconds for the demo's run time) or refused; `0` alone is zero everywhere. Negative durations and ones past 292 years (Int64
/// nanoseconds) are refused.
package enum DurationGrammar {
    /// What a number without a unit means.
    package enum BareNumbers: Sendable {
        /// Microseconds: Jaeger's v1 API and tracetop's prompt, where `dur>250` has always meant 250 µs.
        case microseconds
        /// Seconds: `tracetop-demo --duration 30`.
        case seconds
        /// Refused (except `0`): the collector's flags and api_v3 (Go's `time.ParseDuration`).
        case refused

        var nanoseconds: Double? {
            switch self {
            case .microseconds: return 1e3
            case .seconds: return 1e9
            case .refused: return nil
            }
        }
    }

    /// Each unit's nanoseconds, longest spelling first where one is a prefix of another (`ms` before `m`).
    package static let units: [(name: String, nanoseconds: Double)] = [
        ("ns", 1), ("us", 1e3), ("\u{00B5}s", 1e3), ("\u{03BC}s", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ("d", 86_400e9), ("w", 604_800e9)
    ]

    /// The units as help texts list them.
    package static let unitsHelp = "ns, us, ms, s, m, h, d, w"

    /// The duration in nanoseconds, or nil when the text is not one.
    package static func nanoseconds(_ text: some StringProtocol, bareNumbers: BareNumbers) -> UInt64? {
        var rest = trimmed(text.lowercased())
        if rest.first == "+" { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        if rest == "0" { return 0 }
        var total = 0.0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, digits != ".", let number = Double(digits.hasPrefix(".") ? "0" + digits : String(digits)) else {
                return nil
            }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unit.count)
            if unit.isEmpty {
                // A unit-less number is the whole text or nothing: `1h30` is a typo, not 1 hour and 30 µs.
                guard let scale = bareNumbers.nanoseconds, total == 0, rest.isEmpty else { return nil }
                total = number * scale
            } else {
                guard let scale = units.first(where: { $0.name == unit })?.nanoseconds else { return nil }
                total += number * scale
            }
        }
        guard total.isFinite, total < 9.2e18 else { return nil }
        return UInt64(total)
    }

    private static func trimmed(_ text: String) -> Substring {
        var slice = Substring(text)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return slice
    }
}

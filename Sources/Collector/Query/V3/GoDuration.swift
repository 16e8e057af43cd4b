/// Durations as Go's `time.ParseDuration` reads them (Jaeger's api_v3 `query.durationMin`/`Max`): a sequence
/// of decimal numbers, each with a unit — `300ms`, `1.5h`, `2h45m`, `100us`; `0` alone needs none.
/// Negative durations parse in Go but bound nothing here, so they are refused.
enum GoDuration {
    static func nanoseconds(_ text: String) -> UInt64? {
        if text == "0" { return 0 }
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        if rest.first == "+" { rest = rest.dropFirst() }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let value = Double(number.hasPrefix(".") ? "0" + number : String(number)) else {
                return nil
            }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let scale = scales[String(unit)] else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * scale
        }
        guard total < 9.2e18 else { return nil }
        return UInt64(total)
    }

    private static let scales: [String: Double] = [
        "ns": 1, "us": 1e3, "\u{00B5}s": 1e3, "\u{03BC}s": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9
    ]
}

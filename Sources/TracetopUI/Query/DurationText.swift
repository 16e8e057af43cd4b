/// Durations as people type and read them: `500ms`, `1.5s`, `250us`, `2m`, `1h` (bare numbers are µs, as in the API).
public enum DurationText {
    private static let units: [(String, Double)] = [
        ("us", 1), ("µs", 1), ("ms", 1_000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000)
    ]

    /// Microseconds, or nil when the text is not a duration.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        let text = String(text)
        for (suffix, scale) in units.sorted(by: { $0.0.count > $1.0.count }) where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)), number >= 0, number.isFinite, number * scale < 9e18 else { return nil }
            return Int64(number * scale)
        }
        guard let number = Int64(text), number >= 0 else { return nil }
        return number
    }

    /// Compact display: `850µs`, `12.3ms`, `1.25s`, `2m03s`.
    public static func format(micros: Int64) -> String {
        let value = max(0, micros)
        if value < 1_000 { return "\(value)µs" }
        if value < 1_000_000 { return decimal(Double(value) / 1_000) + "ms" }
        if value < 60_000_000 { return decimal(Double(value) / 1_000_000) + "s" }
        let seconds = value / 1_000_000
        if seconds < 3600 { return "\(seconds / 60)m" + pad2(seconds % 60) + "s" }
        return "\(seconds / 3600)h" + pad2((seconds % 3600) / 60) + "m"
    }

    /// Three significant digits at most: 1.25, 12.3, 123.
    private static func decimal(_ value: Double) -> String {
        if value >= 100 { return String(Int(value.rounded())) }
        let scale = value >= 10 ? 10.0 : 100.0
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    private static func pad2(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Wall-clock formatting of µs timestamps, with the UTC offset decided once at the edge (tests use 0).
public struct Clock: Hashable, Sendable {
    public var utcOffsetSeconds: Int

    public init(utcOffsetSeconds: Int = 0) { self.utcOffsetSeconds = utcOffsetSeconds }

    public func time(_ micros: Int64, milliseconds: Bool = false) -> String {
        let local = micros / 1_000_000 + Int64(utcOffsetSeconds)
        let secondsOfDay = ((local % 86_400) + 86_400) % 86_400
        var text = two(secondsOfDay / 3600) + ":" + two((secondsOfDay % 3600) / 60) + ":" + two(secondsOfDay % 60)
        if milliseconds {
            let millis = ((micros % 1_000_000) + 1_000_000) % 1_000_000 / 1_000
            text += "." + (millis < 10 ? "00" : millis < 100 ? "0" : "") + String(millis)
        }
        return text
    }

    private func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

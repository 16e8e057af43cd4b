import TraceModel

/// Durations as people type and read them: `500ms`, `1.5s`, `250us`, `2m`, `1h30m` (bare numbers are µs, as in the API).
package enum DurationText {
    /// Microseconds, or nil when the text is not a duration (the grammar the API and the flags read too).
    package static func parse(_ text: some StringProtocol) -> Int64? {
        DurationGrammar.nanoseconds(text, bareNumbers: .microseconds).map { Int64($0 / 1_000) }
    }

    /// Compact display: `850µs`, `12.3ms`, `1.25s`, `2m03s`.
    package static func format(micros: Int64) -> String {
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

import Foundation

/// The benchmark's answer: one row per figure with its target, whether it is met, and the limit it is compared
/// with (measured in the same run). A figure without a target says so; one not measured says why.
struct ResultTable {
    struct Row {
        var figure: String
        var value: String
        var target: String
        var verdict: String
        var limit: String
        var ratio: String
    }

    private(set) var rows: [Row] = []

    enum Goal {
        case atLeast(Double)
        case atMost(Double)
        case none
    }

    mutating func add(_ figure: String, _ value: Double, unit: String, goal: Goal, limit: String = "", ratio: Double? = nil) {
        let verdict: String
        let target: String
        switch goal {
        case .atLeast(let bound): verdict = value >= bound ? "met" : "MISSED"; target = "≥ \(Self.format(bound)) \(unit)"
        case .atMost(let bound): verdict = value <= bound ? "met" : "MISSED"; target = "≤ \(Self.format(bound)) \(unit)"
        case .none: verdict = "–"; target = "–"
        }
        rows.append(
            Row(
                figure: figure, value: "\(Self.format(value)) \(unit)", target: target, verdict: verdict,
                limit: limit, ratio: ratio.map { String(format: "%.2f", $0) } ?? ""))
    }

    mutating func notMeasured(_ figure: String, target: String, why: String) {
        rows.append(Row(figure: figure, value: "not measured", target: target, verdict: "–", limit: why, ratio: ""))
    }

    /// A Markdown table (readable as plain text too), ready to paste into BENCHMARKS.md.
    var markdown: String {
        let header = Row(
            figure: "figure", value: "measured", target: "target", verdict: "verdict", limit: "limit (same run)", ratio: "ratio")
        let all = [header] + rows
        func line(_ row: Row) -> String {
            "| \(row.figure) | \(row.value) | \(row.target) | \(row.verdict) | \(row.limit) | \(row.ratio) |"
        }
        return ([line(header), "|---|---|---|---|---|---|"] + all.dropFirst().map(line)).joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "n/a" }
        if abs(value) >= 1000 { return String(format: "%.0f", value) }
        if abs(value) >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }
}

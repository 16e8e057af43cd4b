import Foundation

/// Ratios of one rate measured two ways in adjacent short phases (treated ÷ untreated), and what they say.
///
/// On a loaded 2-core machine one ingest phase differs from the next by ±10 % whatever is done to it (a
/// checkpoint of the write-ahead log landing in one phase, another process's build). Many short pairs, each a
/// ratio of two phases run back to back on the same collector, with the order alternating (the second phase of
/// a pair was measurably faster either way), and the median of those ratios, cancel drift and outliers; the
/// spread says how far one pair can be trusted, and a control (untreated ÷ untreated, the same way) says what
/// "no effect" looks like on this machine today.
struct PairedRatios {
    private(set) var ratios: [Double] = []

    mutating func add(treated: Double, untreated: Double) {
        ratios.append(treated / max(untreated, 1e-9))
    }

    var count: Int { ratios.count }
    var median: Double { quantile(0.5) }

    /// The fraction `q` (0...1) of the ratios, interpolated.
    func quantile(_ q: Double) -> Double {
        guard !ratios.isEmpty else { return .nan }
        let sorted = ratios.sorted()
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }

    /// "median 0.991, middle half 0.962–1.013, all 0.88–1.07 (12 pairs)".
    var summary: String {
        guard let low = ratios.min(), let high = ratios.max() else { return "no pairs" }
        return String(
            format: "median %.3f, middle half %.3f–%.3f, all %.3f–%.3f (%d pairs)",
            median, quantile(0.25), quantile(0.75), low, high, ratios.count)
    }
}

/// How far back the lists look: keys `1`–`6`.
package enum Lookback: Int, CaseIterable, Hashable, Sendable {
    case fiveMinutes = 1, fifteenMinutes, hour, sixHours, day, week

    package var label: String {
        switch self {
        case .fiveMinutes: return "5m"
        case .fifteenMinutes: return "15m"
        case .hour: return "1h"
        case .sixHours: return "6h"
        case .day: return "1d"
        case .week: return "7d"
        }
    }

    package var micros: Int64 {
        let minute: Int64 = 60_000_000
        switch self {
        case .fiveMinutes: return 5 * minute
        case .fifteenMinutes: return 15 * minute
        case .hour: return 60 * minute
        case .sixHours: return 360 * minute
        case .day: return 1440 * minute
        case .week: return 7 * 1440 * minute
        }
    }

    /// The latency series step that gives about 30 sparkline points.
    var seriesStep: String {
        switch self {
        case .fiveMinutes: return "10s"
        case .fifteenMinutes: return "30s"
        case .hour: return "2m"
        case .sixHours: return "12m"
        case .day: return "48m"
        case .week: return "6h"
        }
    }
}

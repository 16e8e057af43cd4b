/// Times and durations from the collector, clamped to 0…2^60 µs (36,000 years) where they enter the UI,
/// so no later subtraction or sum of two of them can overflow and trap, whatever the collector sends.
enum Micros {
    static let maximum: Int64 = 1 << 60

    static func clamp(_ value: Int64) -> Int64 { min(max(value, 0), maximum) }
}

/// Times and durations in the API are microseconds, clamped to 0…2^60 µs (36,000 years) where they are read,
/// so no later subtraction or sum of two of them can overflow and trap, whatever a collector sends.
package enum Micros {
    package static let maximum: Int64 = 1 << 60

    package static func clamp(_ value: Int64) -> Int64 { min(max(value, 0), maximum) }

    /// Nanoseconds (the store's unit) as API microseconds.
    package static func from(nanos: UInt64) -> Int64 { clamp(Int64(clamping: nanos / 1000)) }
}

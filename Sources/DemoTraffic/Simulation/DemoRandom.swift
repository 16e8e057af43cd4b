import Foundation

/// The generator's only source of randomness: xoshiro256** seeded through SplitMix64. Written out here
/// (rather than using the standard library's generators or `Int.random(in:using:)`) so the same seed gives
/// the same shop on every platform and Swift version.
package struct DemoRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    package init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    package mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Uniform in 0..<bound (multiply-high: no modulo bias worth mentioning, no loop).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    mutating func between(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    mutating func pick<Element>(_ elements: [Element]) -> Element { elements[below(elements.count)] }

    /// Standard normal (Box–Muller; one of the pair is thrown away to keep the state a plain value).
    mutating func gaussian() -> Double {
        let u1 = max(unit(), 0x1.0p-53)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * unit())
    }

    /// Exponentially distributed with this mean (Poisson arrivals).
    mutating func exponential(mean: Double) -> Double { -log(max(unit(), 0x1.0p-53)) * mean }

    /// A non-zero id half: zero is the invalid id in OpenTelemetry.
    mutating func nonZero() -> UInt64 {
        while true {
            let value = next()
            if value != 0 { return value }
        }
    }
}

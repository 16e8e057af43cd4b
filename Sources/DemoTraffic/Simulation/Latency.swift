import Foundation

/// Time in the simulation: nanoseconds since the Unix epoch, like OTLP.
typealias Nanos = UInt64

extension UInt64 {
    static func millis(_ value: Double) -> UInt64 { UInt64(Swift.max(value, 0) * 1_000_000) }
    static func micros(_ value: Double) -> UInt64 { UInt64(Swift.max(value, 0) * 1_000) }
    static func seconds(_ value: Double) -> UInt64 { UInt64(Swift.max(value, 0) * 1_000_000_000) }
}

/// How long one operation takes: log-normal around a median, plus a rare heavy tail, because real
/// per-operation latency is long-tailed (p99 many times the median) rather than bell-shaped.
struct Latency: Sendable {
    var medianMillis: Double
    var sigma: Double = 0.45
    var tailChance: Double = 0.01
    var tailFactor: ClosedRange<Double> = 4...12

    func sample(_ random: inout DemoRandom) -> Nanos {
        var millis = medianMillis * exp(sigma * random.gaussian())
        if random.chance(tailChance) { millis *= random.between(tailFactor.lowerBound, tailFactor.upperBound) }
        return .millis(millis)
    }
}

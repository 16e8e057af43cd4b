/// The bucket layout of every latency histogram, in one place: HdrHistogram's for 1 µs to an hour with two
/// significant digits (256 sub-buckets). Values below 256 µs have a bucket each; a larger value keeps its top 8
/// bits, so a bucket spans under 1 % of its values. Bucket `index` is HdrHistogram's counts index, and the
/// tests check the layout against HdrHistogram itself.
enum LatencyBuckets {
    /// Durations above an hour are counted as an hour (the histogram's range); `max` still reports the real maximum.
    static let highestTrackableMicros: UInt64 = 3_600_000_000
    /// How many low bits a value's bucket drops: its magnitude above 8 bits.
    @inline(__always)
    private static func shift(ofValue value: UInt64) -> Int { max(0, (64 - value.leadingZeroBitCount) - 8) }

    @inline(__always)
    private static func shift(ofIndex index: Int) -> Int { max(0, (index >> 7) - 1) }

    /// The bucket of `value` (at most `highestTrackableMicros`).
    @inline(__always)
    static func index(of value: UInt64) -> Int {
        let shift = shift(ofValue: value)
        return (shift << 7) + Int(truncatingIfNeeded: value >> UInt64(shift))
    }

    @inline(__always)
    static func lowestValue(at index: Int) -> UInt64 {
        let shift = shift(ofIndex: index)
        return UInt64(index - (shift << 7)) << UInt64(shift)
    }

    /// HdrHistogram's "highest equivalent value": what its iterators and percentiles report for a bucket.
    @inline(__always)
    static func highestValue(at index: Int) -> UInt64 {
        lowestValue(at: index) + (1 << UInt64(shift(ofIndex: index))) - 1
    }
}

import Foundation
import Histogram
import Testing

@testable import TraceStore

/// `LatencyHistogram` counts in HdrHistogram's layout without HdrHistogram (for speed): its buckets, percentiles,
/// stored form and UI buckets must be exactly what HdrHistogram (1 µs to an hour, two significant digits) gives.
@Suite struct LatencyHistogramTests {
    private static func reference() -> Histogram<UInt64> {
        Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: LatencyBuckets.highestTrackableMicros, numberOfSignificantValueDigits: .two)
    }

    /// Values at every magnitude: each bucket boundary (2^k − 1, 2^k, 2^k + 1) and random values in between.
    private static var probeValues: [UInt64] {
        var values = Array(0..<1024 as Range<UInt64>)
        for shift in 10..<32 {
            let power = UInt64(1) << UInt64(shift)
            values += [power - 1, power, power + 1, power + power / 3]
        }
        var random = SplitMix(seed: 5)
        values += (0..<20_000).map { _ in random.next() % LatencyBuckets.highestTrackableMicros + 1 }
        return values + [LatencyBuckets.highestTrackableMicros - 1, LatencyBuckets.highestTrackableMicros]
    }

    @Test func bucketsAreHdrHistogramsBuckets() {
        let reference = Self.reference()
        for value in Self.probeValues {
            let index = LatencyBuckets.index(of: value)
            #expect(LatencyBuckets.lowestValue(at: index) == reference.lowestEquivalentForValue(value), "value \(value)")
            #expect(LatencyBuckets.highestValue(at: index) == reference.highestEquivalentForValue(value), "value \(value)")
        }
    }

    /// Durations of several shapes: fast and narrow, spread over six orders of magnitude, one value, a tail past
    /// the hour the histogram tracks.
    private static let shapes: [(name: String, values: [UInt64])] = {
        var random = SplitMix(seed: 9)
        let narrow = (0..<5_000).map { _ in 800 + random.next() % 400 }
        let wide = (0..<5_000).map { _ in UInt64(pow(10, 6 * Double(random.next() % 1_000_000) / 1_000_000)) }
        let tail = (0..<2_000).map { index in index % 10 == 0 ? 7_200_000_000 + random.next() % 1000 : random.next() % 90_000 }
        return [("narrow", narrow), ("wide", wide), ("one value", [12_345]), ("past an hour", tail), ("tiny", [0, 1, 2, 2, 3])]
    }()

    @Test(arguments: shapes.indices)
    func percentilesAndBucketsAreHdrHistograms(shape: Int) throws {
        let (name, values) = Self.shapes[shape]
        var mine = LatencyHistogram()
        var reference = Self.reference()
        for value in values {
            mine.record(micros: value, isError: false)
            reference.record(min(max(value, 1), LatencyBuckets.highestTrackableMicros))
        }
        let percentiles = [0.1, 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99]
        #expect(mine.percentiles(percentiles) == percentiles.map { reference.valueAtPercentile($0) }, "\(name)")
        let figures = mine.figures
        #expect(
            [figures.p50, figures.p75, figures.p90, figures.p95, figures.p99]
                == [50.0, 75, 90, 95, 99].map { reference.valueAtPercentile($0) }, "\(name)")
        #expect(figures.max == values.max())

        // The stored form: max, then each non-empty bucket's highest value and count, as HdrHistogram iterates them.
        var expected = BinaryWriter()
        expected.writeVarint(values.max()!)
        for bucket in reference.recordedValues() {
            expected.writeVarint(bucket.value)
            expected.writeVarint(bucket.count)
        }
        #expect(mine.encoded() == expected.bytes, "\(name)")

        // Read back from the stored form, twice: the same percentiles as the reference with every value twice.
        var merged = LatencyHistogram()
        try merged.merge(encoded: mine.encoded(), count: values.count, errorCount: 0)
        try merged.merge(encoded: mine.encoded(), count: values.count, errorCount: 0)
        for bucket in reference.recordedValues() {
            reference.record(min(bucket.value, LatencyBuckets.highestTrackableMicros), count: bucket.count)
        }
        #expect(merged.percentiles(percentiles) == percentiles.map { reference.valueAtPercentile($0) }, "\(name)")
        #expect(merged.figures.count == 2 * values.count)

        // The UI's power-of-two buckets add up every count.
        #expect(mine.buckets.reduce(0) { $0 + $1.count } == values.count)
        #expect(mine.buckets.map(\.upperBoundMicros) == mine.buckets.map(\.upperBoundMicros).sorted())
    }

    /// A row's buckets are never above its maximum's, and the merge makes room for them from that maximum first;
    /// a row that breaks the rule (a damaged or hand-made one) is still counted in full.
    @Test func bucketsAboveTheRowsMaximumAreStillCounted() throws {
        var row = BinaryWriter()
        row.writeVarint(10)
        for (value, count) in [(5, 2), (900, 3), (4_000_000, 1)] as [(UInt64, UInt64)] {
            row.writeVarint(value)
            row.writeVarint(count)
        }
        var merged = LatencyHistogram()
        try merged.merge(encoded: row.bytes, count: 6, errorCount: 0)
        var reference = Self.reference()
        reference.record(5, count: 2)
        reference.record(900, count: 3)
        reference.record(4_000_000, count: 1)
        let percentiles = [10.0, 50, 90, 99]
        #expect(merged.percentiles(percentiles) == percentiles.map { reference.valueAtPercentile($0) })
        #expect(merged.buckets.reduce(0) { $0 + $1.count } == 6)
    }

    @Test func anEmptyHistogramAnswersZeros() {
        #expect(LatencyHistogram().percentiles([50, 99]) == [0, 0])
        #expect(LatencyHistogram().buckets.isEmpty)
    }
}

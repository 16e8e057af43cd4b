import Histogram

/// Span durations of one operation in one time bucket, in microseconds, as an HdrHistogram with two
/// significant digits: any percentile read back is within 1% of the exact one, and merging a day of
/// minutes costs only the non-empty buckets.
package struct LatencyHistogram {
    /// Durations above an hour are recorded as an hour (the histogram's range); `max` still reports the real maximum.
    static let highestTrackableMicros: UInt64 = 3_600_000_000

    private(set) var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: highestTrackableMicros, numberOfSignificantValueDigits: .two)
    private(set) var count = 0
    private(set) var errorCount = 0
    private(set) var maxMicros: UInt64 = 0

    package init() {}

    mutating func record(micros: UInt64, isError: Bool) {
        _ = histogram.record(min(max(micros, 1), Self.highestTrackableMicros))
        count += 1
        if isError { errorCount += 1 }
        maxMicros = max(maxMicros, micros)
    }

    mutating func merge(_ other: LatencyHistogram) {
        for bucket in other.histogram.recordedValues() {
            _ = histogram.record(bucket.value, count: bucket.count)
        }
        count += other.count
        errorCount += other.errorCount
        maxMicros = max(maxMicros, other.maxMicros)
    }

    package var figures: LatencyFigures {
        guard count > 0 else { return LatencyFigures() }
        return LatencyFigures(
            count: count, errorCount: errorCount,
            p50: histogram.valueAtPercentile(50), p75: histogram.valueAtPercentile(75),
            p90: histogram.valueAtPercentile(90), p95: histogram.valueAtPercentile(95),
            p99: histogram.valueAtPercentile(99), max: maxMicros)
    }

    /// Logarithmic buckets (powers of two microseconds) for the UI's histogram.
    package var buckets: [OperationLatency.HistogramBucket] {
        var result: [OperationLatency.HistogramBucket] = []
        for bucket in histogram.recordedValues() {
            let value = max(bucket.value, 1)
            var bound: UInt64 = 1
            while bound < value { bound <<= 1 }
            if let last = result.last, last.upperBoundMicros == bound {
                result[result.count - 1].count += Int(bucket.count)
            } else {
                result.append(OperationLatency.HistogramBucket(upperBoundMicros: bound, count: Int(bucket.count)))
            }
        }
        return result
    }

    /// Sparse form for storage: max, then (value, count) pairs of the non-empty buckets.
    func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.writeVarint(maxMicros)
        for bucket in histogram.recordedValues() {
            writer.writeVarint(bucket.value)
            writer.writeVarint(bucket.count)
        }
        return writer.bytes
    }

    init(encoded bytes: [UInt8], count: Int, errorCount: Int) throws {
        try merge(encoded: bytes, count: count, errorCount: errorCount)
    }

    /// Merges a stored histogram straight from its sparse form: a day of minutes costs only their non-empty
    /// buckets, with no histogram (tens of kilobytes of counters) built per row.
    /// Merges counts kept as (bucket value, count) pairs, as `LatencyCounts` keeps them: how a backend that
    /// stores one row per bucket (PostgreSQL) reads its histograms back.
    package mutating func merge(bucketCounts: [(value: UInt64, count: UInt64)], maxMicros: UInt64, count: Int, errorCount: Int) {
        self.maxMicros = max(self.maxMicros, maxMicros)
        for bucket in bucketCounts {
            _ = histogram.record(min(max(bucket.value, 1), Self.highestTrackableMicros), count: bucket.count)
        }
        self.count += count
        self.errorCount += errorCount
    }

    package mutating func merge(encoded bytes: [UInt8], count: Int, errorCount: Int) throws {
        var reader = BinaryReader(bytes)
        maxMicros = max(maxMicros, try reader.readVarint())
        while !reader.isAtEnd {
            let value = try reader.readVarint()
            _ = histogram.record(min(value, Self.highestTrackableMicros), count: try reader.readVarint())
        }
        self.count += count
        self.errorCount += errorCount
    }
}

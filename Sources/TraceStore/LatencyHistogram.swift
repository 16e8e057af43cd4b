/// Span durations of one operation in one time bucket, in microseconds, counted in `LatencyBuckets`: any
/// percentile read back is within 1 % of the exact one, and merging a day of stored rows costs only their
/// non-empty buckets.
///
/// The counts are a plain array rather than HdrHistogram's `Histogram`: its percentile and iteration code is not
/// inlinable, so from this module it ran unspecialised (a protocol call per counter for each of the five
/// percentiles, and again for each bucket walked), which was 40 % of a day-long latency query at 2M spans and
/// kept that query over its 20 ms target. The layout and the answers are HdrHistogram's (the tests compare them).
package struct LatencyHistogram {
    /// Counts by bucket index, grown to the highest bucket used (a short operation's histogram stays small).
    private var counts: [UInt64] = []
    /// The sum of `counts`.
    private var recorded: UInt64 = 0
    /// The largest value counted (after clamping): percentiles are capped there, as HdrHistogram caps them.
    private var maxRecorded: UInt64 = 0
    private(set) var count = 0
    private(set) var errorCount = 0
    private(set) var maxMicros: UInt64 = 0

    package init() {}

    @inline(__always)
    private mutating func add(_ value: UInt64, count added: UInt64) {
        let index = LatencyBuckets.index(of: value)
        if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count)) }
        counts[index] &+= added
        recorded &+= added
        maxRecorded = max(maxRecorded, value)
    }

    mutating func record(micros: UInt64, isError: Bool) {
        add(min(max(micros, 1), LatencyBuckets.highestTrackableMicros), count: 1)
        count += 1
        if isError { errorCount += 1 }
        maxMicros = max(maxMicros, micros)
    }

    package var figures: LatencyFigures {
        guard count > 0 else { return LatencyFigures() }
        let values = percentiles([50, 75, 90, 95, 99])
        return LatencyFigures(
            count: count, errorCount: errorCount, p50: values[0], p75: values[1], p90: values[2], p95: values[3],
            p99: values[4], max: maxMicros)
    }

    /// The value at each percentile (ascending, each below 100), in one walk of the counts. As HdrHistogram's
    /// `valueAtPercentile`: the first bucket whose running count reaches the percentile's share of the counts
    /// (rounded up, less one ulp against round-off), reported as its highest value, capped at the largest value
    /// counted; 0 when nothing was counted.
    func percentiles(_ percentiles: [Double]) -> [UInt64] {
        var values = [UInt64](repeating: 0, count: percentiles.count)
        guard recorded > 0 else { return values }
        let targets = percentiles.map { percentile in
            let requested = min(max(percentile.nextDown, 0), 100)
            return max(1, UInt64(((requested * Double(recorded)) / 100).rounded(.up)))
        }
        var next = 0
        var running: UInt64 = 0
        for (index, counted) in counts.enumerated() where counted != 0 {
            running &+= counted
            while next < targets.count && running >= targets[next] {
                values[next] = min(LatencyBuckets.highestValue(at: index), maxRecorded)
                next += 1
            }
            if next == targets.count { break }
        }
        return values
    }

    /// Logarithmic buckets (powers of two microseconds) for the UI's histogram.
    package var buckets: [OperationLatency.HistogramBucket] {
        var result: [OperationLatency.HistogramBucket] = []
        for (index, counted) in counts.enumerated() where counted != 0 {
            let value = max(LatencyBuckets.highestValue(at: index), 1)
            var bound: UInt64 = 1
            while bound < value { bound <<= 1 }
            if let last = result.last, last.upperBoundMicros == bound {
                result[result.count - 1].count += Int(counted)
            } else {
                result.append(OperationLatency.HistogramBucket(upperBoundMicros: bound, count: Int(counted)))
            }
        }
        return result
    }

    /// Sparse form for storage: max, then (value, count) pairs of the non-empty buckets, each value its bucket's
    /// highest.
    func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.writeVarint(maxMicros)
        for (index, counted) in counts.enumerated() where counted != 0 {
            writer.writeVarint(LatencyBuckets.highestValue(at: index))
            writer.writeVarint(counted)
        }
        return writer.bytes
    }

    init(encoded bytes: [UInt8], count: Int, errorCount: Int) throws {
        try merge(encoded: bytes, count: count, errorCount: errorCount)
    }

    /// Merges counts kept as (bucket value, count) pairs, as `LatencyCounts` keeps them: how a backend that
    /// stores one row per bucket (PostgreSQL) reads its histograms back.
    package mutating func merge(bucketCounts: [(value: UInt64, count: UInt64)], maxMicros: UInt64, count: Int, errorCount: Int) {
        self.maxMicros = max(self.maxMicros, maxMicros)
        for bucket in bucketCounts { add(min(max(bucket.value, 1), LatencyBuckets.highestTrackableMicros), count: bucket.count) }
        self.count += count
        self.errorCount += errorCount
    }

    /// Merges a stored histogram straight from its sparse form: a day of minutes costs only their non-empty
    /// buckets, with no histogram built per row. This loop is most of a day-long latency query.
    package mutating func merge(encoded bytes: [UInt8], count: Int, errorCount: Int) throws {
        var reader = BinaryReader(bytes)
        let rowMax = try reader.readVarint()
        maxMicros = max(maxMicros, rowMax)
        // No bucket of a row is above its maximum's: room for them all first, so each bucket is added through the
        // buffer with no growth or copy-on-write check. (A row that breaks the rule is still counted, after.)
        let top = LatencyBuckets.index(of: min(max(rowMax, 1), LatencyBuckets.highestTrackableMicros))
        if top >= counts.count { counts.append(contentsOf: repeatElement(0, count: top + 1 - counts.count)) }
        var added: UInt64 = 0
        var largest: UInt64 = 0
        var beyond: [(value: UInt64, count: UInt64)] = []
        try counts.withUnsafeMutableBufferPointer { buffer in
            while !reader.isAtEnd {
                let value = min(try reader.readVarint(), LatencyBuckets.highestTrackableMicros)
                let counted = try reader.readVarint()
                let index = LatencyBuckets.index(of: value)
                guard index < buffer.count else {
                    beyond.append((value, counted))
                    continue
                }
                buffer[index] &+= counted
                added &+= counted
                largest = max(largest, value)
            }
        }
        recorded &+= added
        maxRecorded = max(maxRecorded, largest)
        for bucket in beyond { add(bucket.value, count: bucket.count) }
        self.count += count
        self.errorCount += errorCount
    }
}

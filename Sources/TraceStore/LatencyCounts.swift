/// The writer's side of the latency histograms: sparse counts per HdrHistogram bucket, so a batch that touches
/// hundreds of (operation, minute) pairs builds hundreds of small dictionaries, not hundreds of 26 KB
/// histograms. The stored form is `LatencyHistogram`'s (max, then value–count pairs), and each value is the
/// lowest of its HdrHistogram bucket, so reading it back into a `LatencyHistogram` loses nothing more.
struct LatencyCounts {
    private(set) var counts: [UInt64: UInt64] = [:]
    private(set) var count = 0
    private(set) var errorCount = 0
    private(set) var maxMicros: UInt64 = 0

    mutating func record(micros: UInt64, isError: Bool) {
        counts[Self.bucket(of: micros), default: 0] += 1
        count += 1
        if isError { errorCount += 1 }
        maxMicros = max(maxMicros, micros)
    }

    mutating func merge(_ other: LatencyCounts) {
        counts.merge(other.counts, uniquingKeysWith: +)
        count += other.count
        errorCount += other.errorCount
        maxMicros = max(maxMicros, other.maxMicros)
    }

    mutating func merge(encoded bytes: [UInt8], count: Int, errorCount: Int) throws {
        var reader = BinaryReader(bytes)
        maxMicros = max(maxMicros, try reader.readVarint())
        while !reader.isAtEnd {
            let value = try reader.readVarint()
            counts[Self.bucket(of: value), default: 0] += try reader.readVarint()
        }
        self.count += count
        self.errorCount += errorCount
    }

    func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.writeVarint(maxMicros)
        for (value, count) in counts.sorted(by: { $0.key < $1.key }) {
            writer.writeVarint(value)
            writer.writeVarint(count)
        }
        return writer.bytes
    }

    /// The lowest value of the HdrHistogram bucket holding `micros` with two significant digits (256 sub-buckets:
    /// values below 256 are exact, larger ones keep their top 8 bits), clamped to the histogram's range.
    static func bucket(of micros: UInt64) -> UInt64 {
        let value = min(max(micros, 1), LatencyHistogram.highestTrackableMicros)
        let shift = max(0, (64 - value.leadingZeroBitCount) - 8)
        return (value >> UInt64(shift)) << UInt64(shift)
    }
}

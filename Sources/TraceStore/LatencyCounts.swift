/// The writer's side of the latency histograms: sparse counts per HdrHistogram bucket, so a batch that touches
/// hundreds of (operation, minute) pairs builds hundreds of small dictionaries, not hundreds of 26 KB
/// histograms. The stored form is `LatencyHistogram`'s (max, then value–count pairs), and each value is the
/// lowest of its HdrHistogram bucket, so reading it back into a `LatencyHistogram` loses nothing more.
package struct LatencyCounts: Sendable {
    package private(set) var counts: [UInt64: UInt64] = [:]
    package private(set) var count = 0
    package private(set) var errorCount = 0
    package private(set) var maxMicros: UInt64 = 0

    package init() {}

    /// Counts read back from `encoded()`.
    init(encoded bytes: [UInt8], count: Int, errorCount: Int) throws {
        var reader = BinaryReader(bytes)
        maxMicros = try reader.readVarint()
        while !reader.isAtEnd {
            counts[Self.bucket(of: try reader.readVarint()), default: 0] += try reader.readVarint()
        }
        self.count = count
        self.errorCount = errorCount
    }

    package mutating func record(micros: UInt64, isError: Bool) {
        counts[Self.bucket(of: micros), default: 0] += 1
        count += 1
        if isError { errorCount += 1 }
        maxMicros = max(maxMicros, micros)
    }

    package mutating func merge(_ other: LatencyCounts) {
        counts.merge(other.counts, uniquingKeysWith: +)
        count += other.count
        errorCount += other.errorCount
        maxMicros = max(maxMicros, other.maxMicros)
    }

    /// Adds `count` spans already counted per bucket (each the lowest value of its bucket; a bucket may come
    /// twice), `errorCount` of them errors and the largest `maxMicros` long: how PostgreSQL's fold adds up the rows
    /// commits appended (`LatencyFold`).
    package mutating func add(buckets: [(value: UInt64, count: UInt64)], count: Int, errorCount: Int, maxMicros: UInt64) {
        for bucket in buckets { counts[bucket.value, default: 0] += bucket.count }
        self.count += count
        self.errorCount += errorCount
        self.maxMicros = max(self.maxMicros, maxMicros)
    }

    package func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.writeVarint(maxMicros)
        for (value, count) in counts.sorted(by: { $0.key < $1.key }) {
            writer.writeVarint(value)
            writer.writeVarint(count)
        }
        return writer.bytes
    }

    /// A stored encoding with these counts added, merged in one pass: both lists are sorted by value, so the
    /// stored buckets (hundreds in an hour's row) need no dictionary. The group commit does this for every
    /// (operation, minute) and (operation, hour) a batch touches.
    package func encoded(mergingStored bytes: [UInt8]) throws -> [UInt8] {
        var reader = BinaryReader(bytes)
        let storedMax = try reader.readVarint()
        func nextStored() throws -> (value: UInt64, count: UInt64)? {
            guard !reader.isAtEnd else { return nil }
            return (Self.bucket(of: try reader.readVarint()), try reader.readVarint())
        }
        let fresh = counts.sorted { $0.key < $1.key }
        var writer = BinaryWriter(capacity: bytes.count + fresh.count * 6)
        writer.writeVarint(max(maxMicros, storedMax))
        var run: (value: UInt64, count: UInt64)?
        func emit(_ value: UInt64, _ count: UInt64) {
            if let current = run, current.value == value {
                run!.count += count
                return
            }
            if let current = run {
                writer.writeVarint(current.value)
                writer.writeVarint(current.count)
            }
            run = (value, count)
        }
        var stored = try nextStored()
        var index = 0
        while stored != nil || index < fresh.count {
            if let pair = stored, index == fresh.count || pair.value <= fresh[index].key {
                emit(pair.value, pair.count)
                stored = try nextStored()
            } else {
                emit(fresh[index].key, fresh[index].value)
                index += 1
            }
        }
        if let current = run {
            writer.writeVarint(current.value)
            writer.writeVarint(current.count)
        }
        return writer.bytes
    }

    /// The lowest value of the bucket (`LatencyBuckets`) holding `micros`, clamped to the histogram's range.
    package static func bucket(of micros: UInt64) -> UInt64 {
        LatencyBuckets.lowestValue(at: LatencyBuckets.index(of: min(max(micros, 1), LatencyBuckets.highestTrackableMicros)))
    }
}

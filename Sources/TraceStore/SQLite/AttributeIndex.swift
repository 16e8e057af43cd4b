import TraceModel
import GRDB
import Foundation

/// An index for tag searches (`http.response.status_code=500`) on chosen attribute keys, Tempo's "dedicated
/// columns" idea over SQLite: for each block of `blockSize` traces (by `traces.seq`), the (key, value) pairs
/// that occur on its spans or their resources. A search reads the blocks that hold every asked-for pair and
/// checks only their traces, so a value that occurs nowhere answers at once instead of after reading every span.
///
/// - Pairs are stored as one 64-bit hash of key and value (`pairHash`): a collision only adds a candidate,
///   which `TagMatcher` then rejects; nothing is missed.
/// - Rows are keyed by (superblock, pair) with a bit per block of the superblock's `blocksPerSuperblock`
///   (`attribute_blocks`, v7). Keyed by pair first (v4), a commit's new (pair, block) rows went to a random page
///   each, a tenth of what a commit wrote; now they land in the newest superblock's few pages. A search probes
///   the superblocks of the newest region and one row per older region of 64 superblocks (`AttributeRegions`,
///   v11), then the superblocks that row names.
/// - Only the configured keys are indexed: low-cardinality ones by default, each adding a handful of rows per
///   superblock. `order.id` would add a row per trace.
/// - `indexed_attribute_keys.since_seq` is the first trace sequence number a key was indexed from: traces
///   before it (stored before the key was configured) are all candidates, so adding a key never hides data.
package enum AttributeIndexPolicy {
    /// OpenTelemetry semantic-convention keys with few values, plus the synthetic tags the query API shows.
    package static let defaultKeys: [String] = [
        "http.response.status_code", "http.request.method", "http.route", "http.status_code", "http.method",
        "rpc.system", "rpc.service", "rpc.method", "rpc.grpc.status_code",
        "db.system", "db.system.name", "db.operation.name", "db.namespace",
        "messaging.system", "messaging.destination.name", "messaging.operation.type",
        "error.type", "server.address", "peer.service", "url.scheme", "network.protocol.name",
        "deployment.environment", "deployment.environment.name",
        SyntheticTags.error, SyntheticTags.spanKind, SyntheticTags.statusCode
    ]

    /// Traces per block: small enough that a rare value reads few traces, large enough that a common one
    /// adds one row per 32 traces rather than one per trace.
    static let blockSize: Int64 = 32
    /// One bit each in an Int64 column.
    static let blocksPerSuperblock: Int64 = 64

    static func block(ofSeq seq: Int64) -> Int64 { seq / blockSize }
    static func superblock(ofSeq seq: Int64) -> Int64 { block(ofSeq: seq) / blocksPerSuperblock }

    /// `StoredHash` over the key, a separator no UTF-8 text contains, and the value as `TagMatcher` compares it.
    package static func pairHash(key: String, value: String) -> Int64 {
        var hash = StoredHash()
        hash.mix(key)
        hash.mix(0xFF)
        hash.mix(value)
        return hash.value
    }
}

/// The pairs one span adds to the index (worked out in `prepare`, away from the writer). Public for the
/// PostgreSQL store's tag index, which indexes the same pairs.
package struct AttributeIndexPairs {
    private let keys: AttributeKeySet
    /// Whether each synthetic tag is indexed, asked once rather than for every span.
    private let indexesError: Bool, indexesKind: Bool, indexesStatus: Bool
    /// The pairs of the last resource seen: a request's spans share one, so its attributes are looked at once.
    private var lastResource: (resource: Resource, pairs: [Int64])?

    package init(keys: AttributeKeySet) {
        self.keys = keys
        indexesError = keys.contains(SyntheticTags.error)
        indexesKind = keys.contains(SyntheticTags.spanKind)
        indexesStatus = keys.contains(SyntheticTags.statusCode)
    }

    package mutating func pairs(of record: SpanRecord, isError: Bool) -> [Int64] {
        guard !keys.isEmpty else { return [] }
        var pairs = resourcePairs(record.resource)
        for attribute in record.span.attributes where keys.contains(attribute.key) {
            pairs += Self.pairHashes(attribute)
        }
        // The synthetic tags, exactly as `TagMatcher.spanHas` derives them.
        if indexesError { pairs.append(isError ? Synthetic.errorTrue : Synthetic.errorFalse) }
        if indexesKind { pairs.append(Synthetic.kind(record.span.kind)) }
        if indexesStatus {
            switch record.span.status.code {
            case .error: pairs.append(Synthetic.statusError)
            case .ok: pairs.append(Synthetic.statusOK)
            default: break
            }
        }
        return pairs
    }

    private mutating func resourcePairs(_ resource: Resource) -> [Int64] {
        if let last = lastResource, last.resource == resource { return last.pairs }
        var pairs: [Int64] = []
        for attribute in resource.attributes where keys.contains(attribute.key) { pairs += Self.pairHashes(attribute) }
        lastResource = (resource, pairs)
        return pairs
    }

    /// An array matches when any element does (`TagMatcher.matches`), so each element is a pair.
    private static func pairHashes(_ attribute: KeyValue) -> [Int64] {
        if case .array(let elements) = attribute.value {
            return elements.map { AttributeIndexPolicy.pairHash(key: attribute.key, value: $0.displayString) }
        }
        return [AttributeIndexPolicy.pairHash(key: attribute.key, value: attribute.value.displayString)]
    }

    /// The synthetic tags' pairs, hashed once.
    private enum Synthetic {
        static let errorTrue = AttributeIndexPolicy.pairHash(key: SyntheticTags.error, value: "true")
        static let errorFalse = AttributeIndexPolicy.pairHash(key: SyntheticTags.error, value: "false")
        static let statusError = AttributeIndexPolicy.pairHash(key: SyntheticTags.statusCode, value: SyntheticTags.statusError)
        static let statusOK = AttributeIndexPolicy.pairHash(key: SyntheticTags.statusCode, value: SyntheticTags.statusOK)
        static let kinds: [Int32: Int64] = Dictionary(
            uniqueKeysWithValues: (0...5).map { raw in
                (Int32(raw), AttributeIndexPolicy.pairHash(key: SyntheticTags.spanKind, value: SpanKind(rawValue: Int32(raw)).shortName))
            })

        static func kind(_ kind: SpanKind) -> Int64 {
            kinds[kind.rawValue] ?? AttributeIndexPolicy.pairHash(key: SyntheticTags.spanKind, value: kind.shortName)
        }
    }
}

/// The writer's side: a batch's (superblock, pair) rows with the bits of its blocks, merged into the table
/// before the commit.
struct AttributeIndexRows {
    private var rows: [Key: Int64] = [:]

    private struct Key: Hashable {
        var superblock: Int64
        var pairHash: Int64
    }

    mutating func add(_ pairs: [Int64], seq: Int64) {
        let superblock = AttributeIndexPolicy.superblock(ofSeq: seq)
        let bit: Int64 = 1 << (AttributeIndexPolicy.block(ofSeq: seq) % AttributeIndexPolicy.blocksPerSuperblock)
        for pair in pairs { rows[Key(superblock: superblock, pairHash: pair), default: 0] |= bit }
    }

    /// Writes the rows; `newestBefore` and `newestAfter` are the newest trace sequence numbers before and after
    /// this commit: every region below `newestBefore`'s is sealed (`AttributeRegions`), and the regions this
    /// commit filled are sealed here.
    func flush(_ db: Database, newestBefore: Int64, newestAfter: Int64) throws {
        let sealedBelow = AttributeRegions.region(ofSeq: newestBefore)
        if !rows.isEmpty {
            // A row whose bits are all set already is left alone (no page to write).
            let upsert = RawStatement(
                try db.cachedStatement(
                    sql: """
                        INSERT INTO attribute_blocks (superblock, pair_hash, blocks) VALUES (?, ?, ?)
                        ON CONFLICT (superblock, pair_hash) DO UPDATE SET blocks = blocks | excluded.blocks
                        WHERE blocks | excluded.blocks != blocks
                        """))
            let regions = try AttributeRegions.Merge(db: db)
            for (key, bits) in rows {
                upsert.bind(1, key.superblock)
                upsert.bind(2, key.pairHash)
                upsert.bind(3, bits)
                try upsert.run(db)
                if db.changesCount > 0 && AttributeRegions.region(ofSuperblock: key.superblock) < sealedBelow {
                    try regions.add(superblock: key.superblock, pairHash: key.pairHash, db: db)
                }
            }
        }
        let openAfter = AttributeRegions.region(ofSeq: newestAfter)
        if openAfter > sealedBelow { try AttributeRegions.seal(sealedBelow...(openAfter - 1), db: db) }
    }
}

/// The reading side: which traces a tag search needs to look at.
enum AttributeIndexReader {
    /// Candidate trace sequence ranges for tags, or nil when the index cannot narrow them (no tag's key is
    /// indexed, or every indexed tag is on more than `maxTraces` traces: walking the traces in order finds such
    /// a common value's matches early). An empty result means no trace can match.
    static func candidateRanges(for tags: [String: String], maxTraces: Int64, db: Database) throws -> [ClosedRange<Int64>]? {
        guard let stored = try TraceSeqRange.fetch(db) else { return [] }
        var result: [ClosedRange<Int64>]?
        for (key, value) in tags {
            guard
                let since = try Int64.fetchOne(
                    db, sql: "SELECT since_seq FROM indexed_attribute_keys WHERE key = CAST(? AS TEXT)", arguments: [StoredText.bytes(key)]),
                let blocks = try blocks(
                    holding: AttributeIndexPolicy.pairHash(key: key, value: value), in: stored, maxTraces: maxTraces, db: db)
            else { continue }
            var ranges: [ClosedRange<Int64>] = []
            // Traces stored before the key was indexed are all candidates.
            if since > 1 { ranges.append(1...(since - 1)) }
            for block in blocks {
                let size = AttributeIndexPolicy.blockSize
                ranges.append((block * size)...(block * size + size - 1))
            }
            let normalized = merge(ranges)
            result = result.map { intersect($0, normalized) } ?? normalized
        }
        return result
    }

    /// The blocks whose traces hold the pair, newest first, or nil once they hold more than `maxTraces` traces.
    /// Each superblock of the open region is probed; an older region is probed once, then the superblocks its
    /// row names (see `AttributeRegions`).
    private static func blocks(holding pairHash: Int64, in seqs: ClosedRange<Int64>, maxTraces: Int64, db: Database) throws -> [Int64]? {
        let superblockProbe = RawStatement(
            try db.cachedStatement(sql: "SELECT blocks FROM attribute_blocks WHERE superblock = ? AND pair_hash = ?"))
        let regionProbe = RawStatement(
            try db.cachedStatement(sql: "SELECT superblocks FROM attribute_regions WHERE region = ? AND pair_hash = ?"))
        let probe = { (statement: RawStatement, key: Int64) throws -> UInt64 in
            statement.bind(1, key)
            statement.bind(2, pairHash)
            defer { statement.reset() }
            return try statement.step(db) ? UInt64(bitPattern: statement.int64(0)) : 0
        }
        let width = AttributeIndexPolicy.blocksPerSuperblock
        var blocks: [Int64] = []
        /// False once past `maxTraces`.
        func add(superblock: Int64) throws -> Bool {
            let bits = try probe(superblockProbe, superblock)
            for bit in stride(from: width - 1, through: 0, by: -1) where bits & (1 << UInt64(bit)) != 0 {
                blocks.append(superblock * width + bit)
            }
            return Int64(blocks.count) * AttributeIndexPolicy.blockSize <= maxTraces
        }
        let oldest = AttributeIndexPolicy.superblock(ofSeq: seqs.lowerBound)
        let newest = AttributeIndexPolicy.superblock(ofSeq: seqs.upperBound)
        let perRegion = AttributeRegions.superblocksPerRegion
        let open = AttributeRegions.region(ofSuperblock: newest)
        for superblock in stride(from: newest, through: max(oldest, open * perRegion), by: -1) {
            guard try add(superblock: superblock) else { return nil }
        }
        for region in stride(from: open - 1, through: AttributeRegions.region(ofSuperblock: oldest), by: -1) {
            let bits = try probe(regionProbe, region)
            for bit in stride(from: perRegion - 1, through: 0, by: -1) where bits & (1 << UInt64(bit)) != 0 {
                let superblock = region * perRegion + bit
                if superblock >= oldest { guard try add(superblock: superblock) else { return nil } }
            }
        }
        return blocks
    }

    static func traceCount(_ ranges: [ClosedRange<Int64>]) -> Int64 {
        ranges.reduce(0) { $0 + ($1.upperBound - $1.lowerBound + 1) }
    }

    /// Sorted, overlapping or adjacent ranges joined.
    private static func merge(_ ranges: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var merged: [ClosedRange<Int64>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// Both inputs sorted and disjoint.
    private static func intersect(_ a: [ClosedRange<Int64>], _ b: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var result: [ClosedRange<Int64>] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let low = max(a[i].lowerBound, b[j].lowerBound)
            let high = min(a[i].upperBound, b[j].upperBound)
            if low <= high { result.append(low...high) }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return result
    }
}

/// Keeps `indexed_attribute_keys` in step with the configured keys when the store opens.
enum AttributeIndexKeys {
    static func synchronize(_ keys: Set<String>, db: Database) throws {
        let stored = Set(try Data.fetchAll(db, sql: "SELECT CAST(key AS BLOB) FROM indexed_attribute_keys").map(StoredText.string))
        // A key added now covers traces from the next sequence number on; older ones stay candidates.
        let nextSeq = (try Int64.fetchOne(db, sql: "SELECT max(seq) FROM traces") ?? 0) + 1
        for key in keys.subtracting(stored) {
            try db.execute(
                sql: "INSERT INTO indexed_attribute_keys (key, since_seq) VALUES (CAST(? AS TEXT), ?)",
                arguments: [StoredText.bytes(key), nextSeq])
        }
        // A key no longer configured stops being trusted at once (its rows age out with retention).
        for key in stored.subtracting(keys) {
            try db.execute(sql: "DELETE FROM indexed_attribute_keys WHERE key = CAST(? AS TEXT)", arguments: [StoredText.bytes(key)])
        }
    }
}

import GRDB

/// The tag index's second level (v11): `attribute_regions` (region, pair_hash, superblocks) holds, for each region
/// of `superblocksPerRegion` superblocks (131,072 traces), a bit per superblock whose traces hold the pair. A
/// region's rows are written in one go when the next region opens (`seal`), as `CorrelationIndex` seals its
/// superblocks. A search probes each superblock of the open region and one row per sealed region, then only the
/// superblocks its bits name: about 160 probes at 100M spans where it made one per superblock (6,000), so a value
/// that occurs rarely or nowhere no longer costs a probe per 2,048 stored traces.
enum AttributeRegions {
    /// One bit each in an Int64 column.
    static let superblocksPerRegion: Int64 = 64

    static func region(ofSuperblock superblock: Int64) -> Int64 { superblock / superblocksPerRegion }
    static func region(ofSeq seq: Int64) -> Int64 { region(ofSuperblock: AttributeIndexPolicy.superblock(ofSeq: seq)) }
    static func bit(ofSuperblock superblock: Int64) -> Int64 { Int64(1) << (superblock % superblocksPerRegion) }

    /// Folds the superblock rows of `regions` into their region rows. The distinct bits of one row sum to their
    /// union (bit 63 makes it negative, never an overflow); merged into a row already there.
    static func seal(_ regions: ClosedRange<Int64>, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO attribute_regions (region, pair_hash, superblocks)
                    SELECT superblock / \(superblocksPerRegion), pair_hash, sum(DISTINCT 1 << (superblock % \(superblocksPerRegion)))
                    FROM attribute_blocks WHERE superblock BETWEEN ? AND ? GROUP BY superblock / \(superblocksPerRegion), pair_hash
                ON CONFLICT (region, pair_hash) DO UPDATE SET superblocks = superblocks | excluded.superblocks
                """,
            arguments: [regions.lowerBound * superblocksPerRegion, regions.upperBound * superblocksPerRegion + superblocksPerRegion - 1])
    }

    /// The writer's side, for a superblock of a sealed region that gained a pair (a span of an older trace,
    /// arriving late, brought it): its region's row learns the superblock too.
    struct Merge {
        private let statement: RawStatement

        init(db: Database) throws {
            statement = RawStatement(
                try db.cachedStatement(
                    sql: """
                        INSERT INTO attribute_regions (region, pair_hash, superblocks) VALUES (?, ?, ?)
                        ON CONFLICT (region, pair_hash) DO UPDATE SET superblocks = superblocks | excluded.superblocks
                        WHERE superblocks | excluded.superblocks != superblocks
                        """))
        }

        func add(superblock: Int64, pairHash: Int64, db: Database) throws {
            statement.bind(1, AttributeRegions.region(ofSuperblock: superblock))
            statement.bind(2, pairHash)
            statement.bind(3, AttributeRegions.bit(ofSuperblock: superblock))
            try statement.run(db)
        }
    }
}

import GRDB

/// Migration v7: the indexes a commit wrote a random page of per trace become ones it appends to (see
/// `DurationClass`, `CorrelationIndex` and `AttributeIndex`). About two thirds of the pages a commit wrote.
enum AppendOrderedIndexesMigration {
    static func run(_ db: Database) throws {
        try classifyDurations(db)
        try moveCorrelations(db)
        try moveAttributeIndex(db)
    }

    private static func classifyDurations(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE traces ADD COLUMN duration_class INTEGER NOT NULL DEFAULT 0")
        // One range of the old duration index per class (classes 0 and 1 of nanoseconds below 2 stay 0).
        for durationClass in 1...DurationClass.highest {
            let low = Int64(1) << durationClass
            let high = durationClass == DurationClass.highest ? Int64.max : (Int64(1) << (durationClass + 1)) - 1
            try db.execute(
                sql: "UPDATE traces SET duration_class = ? WHERE duration_ns BETWEEN ? AND ?",
                arguments: [durationClass, low, high])
        }
        try db.execute(
            sql: """
                DROP INDEX traces_by_duration;
                CREATE INDEX traces_by_duration_class ON traces (duration_class, seq);
                """)
    }

    private static func moveCorrelations(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE trace_correlation_ids (
                    seq INTEGER NOT NULL,
                    correlation_id TEXT NOT NULL,
                    PRIMARY KEY (seq, correlation_id)
                ) WITHOUT ROWID;
                CREATE TABLE correlation_blocks (
                    block INTEGER NOT NULL,
                    id_hash INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    PRIMARY KEY (block, id_hash, seq)
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO trace_correlation_ids (seq, correlation_id)
                    SELECT t.seq, c.correlation_id FROM trace_correlations c JOIN traces t ON t.trace_id = c.trace_id;
                DROP TABLE trace_correlations;
                """)
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO correlation_blocks (block, id_hash, seq) VALUES (?, ?, ?)")
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, CAST(correlation_id AS BLOB) FROM trace_correlation_ids")
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            let id = StoredText.string(row[1])
            try insert.execute(arguments: [CorrelationIndex.block(ofSeq: seq), CorrelationIndex.hash(id), seq])
        }
    }

    private static func moveAttributeIndex(_ db: Database) throws {
        // A block's bit is 1 << (block mod 64); the bits of one row are distinct, so their sum is their union
        // (bit 63 makes it negative, never an overflow).
        try db.execute(
            sql: """
                CREATE TABLE attribute_blocks (
                    superblock INTEGER NOT NULL,
                    pair_hash INTEGER NOT NULL,
                    blocks INTEGER NOT NULL,
                    PRIMARY KEY (superblock, pair_hash)
                ) WITHOUT ROWID;
                INSERT INTO attribute_blocks (superblock, pair_hash, blocks)
                    SELECT block / 64, pair_hash, sum(1 << (block % 64)) FROM attribute_index GROUP BY block / 64, pair_hash;
                DROP TABLE attribute_index;
                """)
    }
}

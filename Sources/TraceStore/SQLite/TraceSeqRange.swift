import GRDB

/// The sequence numbers the stored traces span, for the block indexes' probes.
enum TraceSeqRange {
    /// Two subqueries: SQLite answers a lone min() or max() from the end of `traces_by_seq`, but scans the whole
    /// index for both in one SELECT (150 ms at 15M spans).
    static func fetch(_ db: Database) throws -> ClosedRange<Int64>? {
        guard let row = try Row.fetchOne(db, sql: "SELECT (SELECT min(seq) FROM traces), (SELECT max(seq) FROM traces)"),
            let lowest = row[0] as Int64?, let highest = row[1] as Int64?, lowest <= highest
        else { return nil }
        return lowest...highest
    }
}

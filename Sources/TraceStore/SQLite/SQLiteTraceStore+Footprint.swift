import GRDB

/// Where the file's bytes go: one row per table and index, from SQLite's `dbstat` table (Debian's SQLite and
/// the one Apple ships are built with it). For the benchmark and for anyone sizing a disk.
package struct TableFootprint: Sendable, Equatable {
    /// The table's or index's name, as in `sqlite_schema`.
    package var name: String
    /// Pages × page size: what the b-tree takes in the file.
    package var bytes: Int
    /// Bytes of those pages holding nothing (half-filled pages after splits, deleted rows).
    package var unusedBytes: Int
    package var pages: Int
}

extension SQLiteTraceStore {
    /// Every table and index, largest first; empty when this SQLite has no `dbstat`. Reads every page of the
    /// file (seconds at 10M spans): not for a hot path.
    package func footprintByTable() async throws -> [TableFootprint] {
        try await pool.read { db in
            let hasDBStat = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM pragma_module_list WHERE name = 'dbstat'") ?? false
            guard hasDBStat else { return [] }
            // Summed per page by SQL, not with `aggregate = TRUE`: dbstat's own sums are 32-bit, so a b-tree past 2 GB
            // (`spans` at 10M spans) came out negative and dropped out of the breakdown.
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT CAST(name AS BLOB), sum(pgsize), sum(unused), count(*) FROM dbstat GROUP BY name ORDER BY 2 DESC
                    """
            ).map { row in
                TableFootprint(name: StoredText.string(row[0]), bytes: row[1], unusedBytes: row[2], pages: row[3])
            }
        }
    }
}

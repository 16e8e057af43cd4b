import Logging
import PostgresNIO

/// Statistics for the tables and partitions PostgreSQL has none for yet: a fresh database's, and each new day's
/// partition of spans and logs.
///
/// Autovacuum analyzes a table a minute or more after it fills (its workers wake every `autovacuum_naptime`, one
/// database at a time). Until then the planner guesses, and the prepared statements' plans were 3–90× slower:
/// at 1M spans queried right after ingest, a correlation id took 233 ms against 2.7 ms once analyzed, the slowest
/// traces of a service 50.5 against 3.1 ms, slow traces 27.6 against 7.9 ms (docs/POSTGRES.md). So every few
/// seconds a collector looks for tables of its schema that were never analyzed and hold `minimumRows` changes, and
/// analyzes them; from then on autovacuum keeps them up to date as the data grows. `SKIP_LOCKED`: a table another
/// collector (or autovacuum) is analyzing is left to it.
enum FirstStatistics {
    /// How often a collector looks.
    static let interval: Duration = .seconds(5)
    /// Rows written to a table before its first statistics are worth gathering: fewer plan well enough on guesses.
    static let minimumRows = 1_000

    /// Analyzes every table of the current schema that has never been analyzed and has had `minimumRows` rows
    /// written. (Partitioned parents have no row counts here: their partitions are analyzed.)
    static func gather(_ connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query(
            """
            SELECT format('%I.%I', schemaname, relname) FROM pg_stat_user_tables
            WHERE schemaname = current_schema() AND last_analyze IS NULL AND last_autoanalyze IS NULL
                AND n_mod_since_analyze >= \(minimumRows)
            ORDER BY relname
            """, logger: logger)
        var analyzed: [String] = []
        for try await name in rows.decode(String.self) { analyzed.append(name) }
        for name in analyzed {
            // The name comes from the catalog, quoted by format's %I.
            try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE (SKIP_LOCKED) \(name)"), logger: logger)
        }
        if !analyzed.isEmpty { logger.debug("first statistics gathered", metadata: ["tables": "\(analyzed.joined(separator: ", "))"]) }
    }
}

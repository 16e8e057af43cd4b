import Logging
import PostgresNIO

/// Latency counts as commits append them and as queries read them.
///
/// Commits append one row per (minute, operation, HdrHistogram bucket) to `latency_pending` (schema v6, see
/// `SpanCommitStatement`): a plain insert into a table with no index, so a commit neither merges rows nor waits for
/// another commit or for this fold. Every few seconds one collector (`pg_try_advisory_xact_lock`; the others skip
/// that round) moves every pending row, in one statement, into the tables queries read: the counts by minute and by
/// hour (`latency_minutes`, `latency_hours`: count, errors, largest duration) and the histograms by minute and by
/// hour (`latency_minute_histograms`, `latency_hour_histograms`: one row per unit and operation holding two arrays,
/// bucket values and counts, so a day's percentiles read a row per hour and operation, about 1,400 for 59
/// operations). The rows it deletes are the ones it adds, and a commit racing it either committed before (its rows
/// move) or stays pending until the next round. Queries read the folded tables and the pending rows in one snapshot
/// and add them up, so an answer never depends on whether a fold ran.
///
/// Before v6 each commit merged its counts into four tables with `ON CONFLICT DO UPDATE` (about one bucket row per
/// span in each of minutes and hours, with spans spread over a day), which were half of a commit's row operations,
/// and waited on row locks whenever the fold was moving those rows.
enum LatencyFold {
    /// The advisory lock key of the fold ("tracetlf").
    static let lockKey: Int64 = 0x7472_6163_6574_6C66
    /// How often a collector folds. Short, so queries read few pending rows.
    static let interval: Duration = .seconds(5)

    static let migration: [String] = [
        """
        CREATE TABLE latency_minute_histograms (
            minute bigint NOT NULL, operation_id bigint NOT NULL, buckets bigint[] NOT NULL, counts bigint[] NOT NULL,
            PRIMARY KEY (minute, operation_id)
        )
        """,
        """
        CREATE TABLE latency_hour_histograms (
            hour bigint NOT NULL, operation_id bigint NOT NULL, buckets bigint[] NOT NULL, counts bigint[] NOT NULL,
            PRIMARY KEY (hour, operation_id)
        )
        """
    ]

    /// Schema v6: the pending rows replace the bucket tables commits merged into; the bucket rows not folded yet
    /// move into the histograms here (the count tables keep their rows).
    static let pendingMigration: [String] = [
        """
        CREATE TABLE latency_pending (
            minute bigint NOT NULL, operation_id bigint NOT NULL, bucket bigint NOT NULL,
            count bigint NOT NULL, error_count bigint NOT NULL, max_micros bigint NOT NULL
        )
        """,
        bucketTableFold(buckets: "latency_buckets", column: "minute", histograms: "latency_minute_histograms"),
        bucketTableFold(buckets: "latency_hour_buckets", column: "hour", histograms: "latency_hour_histograms"),
        "DROP TABLE latency_buckets, latency_hour_buckets"
    ]

    /// Moves every pending row into the folded tables, unless another collector is folding (then returns false);
    /// in one transaction. Then vacuums the pending table, so the next round's delete scans only live rows and
    /// commits reuse the space (autovacuum would come minutes later).
    @discardableResult
    static func fold(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let folded = try await connection.withTransaction(logger: logger) { connection in
            var locked = false
            for try await taken in try await connection.query("SELECT pg_try_advisory_xact_lock(\(lockKey))", logger: logger)
                .decode(Bool.self)
            { locked = taken }
            guard locked else { return false }
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            return true
        }
        if folded { try await connection.query("VACUUM latency_pending", logger: logger) }
        return folded
    }

    /// The deleted pending rows, summed per (unit, operation) into the counts and per (unit, operation, bucket) into
    /// the histograms, for minutes and for hours; each merged into the stored row by addition (the largest duration
    /// by GREATEST), and sorted by key, as every upsert of the store.
    private static let statement = """
        WITH moved AS (DELETE FROM latency_pending RETURNING minute, operation_id, bucket, count, error_count, max_micros),
        \(parts(unit: "minute", minutes: 1, counts: "latency_minutes", histograms: "latency_minute_histograms")),
        \(parts(unit: "hour", minutes: 60, counts: "latency_hours", histograms: "latency_hour_histograms"))
        SELECT count(*) FROM moved
        """

    private static func parts(unit: String, minutes: Int, counts: String, histograms: String) -> String {
        """
        add_\(counts) AS (
            INSERT INTO \(counts) AS l (\(unit), operation_id, count, error_count, max_micros)
            SELECT minute / \(minutes), operation_id, sum(count)::bigint, sum(error_count)::bigint, max(max_micros)
            FROM moved GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (\(unit), operation_id) DO UPDATE SET count = l.count + EXCLUDED.count,
                error_count = l.error_count + EXCLUDED.error_count, max_micros = GREATEST(l.max_micros, EXCLUDED.max_micros)
        ),
        add_\(histograms) AS (
            \(histogramUpsert(
                into: histograms, unit: unit,
                summed: "SELECT minute / \(minutes) AS \(unit), operation_id, bucket, sum(count)::bigint AS count FROM moved GROUP BY 1, 2, 3"))
        )
        """
    }

    /// Bucket counts (`summed`: rows of unit, operation, bucket, count, each key once) as one sorted pair of arrays
    /// per (unit, operation), added to the stored histogram bucket by bucket.
    private static func histogramUpsert(into histograms: String, unit: String, summed: String) -> String {
        """
        INSERT INTO \(histograms) AS h (\(unit), operation_id, buckets, counts)
        SELECT \(unit), operation_id, array_agg(bucket ORDER BY bucket), array_agg(count ORDER BY bucket)
        FROM (\(summed)) s GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (\(unit), operation_id) DO UPDATE SET (buckets, counts) = (
            SELECT array_agg(b ORDER BY b), array_agg(c ORDER BY b)
            FROM (SELECT b, sum(c)::bigint AS c FROM unnest(h.buckets || EXCLUDED.buckets, h.counts || EXCLUDED.counts) u(b, c)
                  GROUP BY b) m)
        """
    }

    /// v5's fold of a bucket table (the rows commits merged before v6), for the migration.
    private static func bucketTableFold(buckets: String, column: String, histograms: String) -> String {
        """
        WITH moved AS (DELETE FROM \(buckets) RETURNING \(column), operation_id, bucket, count)
        \(histogramUpsert(
            into: histograms, unit: column,
            summed: "SELECT \(column), operation_id, bucket, sum(count)::bigint AS count FROM moved GROUP BY 1, 2, 3"))
        """
    }
}

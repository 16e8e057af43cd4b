import Logging
import PostgresNIO

/// Schema v5: latency histograms folded into one row per (minute or hour, operation) holding the histogram as two
/// arrays (bucket values, counts), so a day's percentiles read a row per hour and operation (about 1,400 for 59
/// operations) instead of one per bucket (about 230,000 at 1M spans: PostgreSQL spent most of the query summing them).
///
/// Commits still add their counts as bucket rows (`latency_buckets`, `latency_hour_buckets`): an addition in
/// `ON CONFLICT DO UPDATE` lets any number of collectors add at once without reading a histogram first. Every few
/// seconds one collector (`pg_try_advisory_xact_lock`; the others skip that round) moves every bucket row into the
/// histogram rows in one statement per unit: the rows it deletes are the ones it adds, so a commit racing it either
/// committed before (its counts are moved) or waits for the fold and adds a fresh bucket row after. Queries read
/// both tables and add them up, so an answer never depends on whether a fold ran.
enum LatencyFold {
    /// The advisory lock key of the fold ("tracetlf").
    static let lockKey: Int64 = 0x7472_6163_6574_6C66
    /// How often a collector folds. Short, so a query right after a burst of ingest reads few bucket rows.
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

    /// The histogram table beside a bucket table.
    static func histogramTable(of bucketTable: String) -> String {
        bucketTable == "latency_hour_buckets" ? "latency_hour_histograms" : "latency_minute_histograms"
    }

    /// Moves every bucket row into the histogram rows, unless another collector is folding (then returns false);
    /// in one transaction.
    @discardableResult
    static func fold(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.withTransaction(logger: logger) { connection in
            var locked = false
            for try await taken in try await connection.query("SELECT pg_try_advisory_xact_lock(\(lockKey))", logger: logger)
                .decode(Bool.self)
            { locked = taken }
            guard locked else { return false }
            for (buckets, column) in [("latency_buckets", "minute"), ("latency_hour_buckets", "hour")] {
                try await connection.query(PostgresQuery(unsafeSQL: statement(buckets: buckets, column: column)), logger: logger)
            }
            return true
        }
    }

    /// One unit's fold: the deleted bucket rows, summed per (unit, operation) into sorted arrays, merged into the
    /// stored histogram by adding the counts of equal buckets. Sorted by key, as every upsert of the store.
    private static func statement(buckets: String, column: String) -> String {
        """
        WITH moved AS (DELETE FROM \(buckets) RETURNING \(column), operation_id, bucket, count),
        summed AS (SELECT \(column), operation_id, bucket, sum(count)::bigint AS count FROM moved GROUP BY 1, 2, 3),
        lists AS (SELECT \(column), operation_id, array_agg(bucket ORDER BY bucket) AS buckets,
                         array_agg(count ORDER BY bucket) AS counts
                  FROM summed GROUP BY 1, 2)
        INSERT INTO \(histogramTable(of: buckets)) AS h (\(column), operation_id, buckets, counts)
        SELECT * FROM lists ORDER BY 1, 2
        ON CONFLICT (\(column), operation_id) DO UPDATE SET (buckets, counts) = (
            SELECT array_agg(b ORDER BY b), array_agg(c ORDER BY b)
            FROM (SELECT b, sum(c)::bigint AS c FROM unnest(h.buckets || EXCLUDED.buckets, h.counts || EXCLUDED.counts) u(b, c)
                  GROUP BY b) m)
        """
    }
}

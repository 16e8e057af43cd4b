import NIOCore
import Logging
import PostgresNIO
import TraceStore

/// Latency counts as commits append them and as queries read them.
///
/// Commits append one row per (minute, operation) to `latency_pending` (see `SpanCommitStatement`): the spans,
/// errors and largest duration, and the spans per HdrHistogram bucket (`PendingBucketList`). A plain insert into a
/// table with no index (schema v6), so a commit neither merges rows nor waits for another commit or for this fold.
/// Every few seconds one collector (`pg_try_advisory_xact_lock`; the others skip that round) moves every pending
/// row into the tables queries read, by minute and by hour
/// (`latency_minute_histograms`, `latency_hour_histograms`): one row per unit and operation holding the span count,
/// errors, largest duration and histogram (`LatencyCounts`' encoding), as SQLite's `latency_minutes` rows, so a
/// day's percentiles read a row per hour and operation, about 1,400 for 59 operations, plus the ragged ends' minutes.
/// The rows it deletes are the ones it adds, and a commit racing it either committed before (its rows move) or stays
/// pending until the next round. Queries read the folded tables and the pending rows in one snapshot and add them
/// up, so an answer never depends on whether a fold ran.
///
/// Before v6 each commit merged its counts into four tables with `ON CONFLICT DO UPDATE` (about one bucket row per
/// span in each of minutes and hours, with spans spread over a day), which were half of a commit's row operations,
/// and waited on row locks whenever the fold was moving those rows.
enum LatencyFold {
    /// The advisory lock key of the fold ("tracetlf").
    static let lockKey: Int64 = 0x7472_6163_6574_6C66
    /// How often a collector folds. Short, so queries read few pending rows: every query scans them all, and at
    /// 5 s (up to 200,000 rows at full ingest) that scan was most of a day's latency query.
    static let interval: Duration = .seconds(2)

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
    /// a bounded batch per transaction, until a batch comes back short. Then vacuums the pending table, so the next
    /// round's delete scans only live rows and commits reuse the space (autovacuum would come minutes later).
    @discardableResult
    static func fold(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        var moved = batchRows
        while moved == batchRows {
            guard let count = try await foldBatch(connection, logger: logger) else { return false }
            moved = count
        }
        try await connection.query("VACUUM latency_pending", logger: logger)
        return true
    }

    /// Pending rows moved per transaction: bounds what the collector holds while it merges histograms.
    static let batchRows = 200_000

    /// One batch in one transaction: nil when another collector holds the fold's lock, else the rows moved.
    /// PostgreSQL adds the counts up itself; the histograms (schema v7: `LatencyCounts`' encoding, as SQLite's) are
    /// merged here, as only the fold writes them and it holds the lock.
    private static func foldBatch(_ connection: PostgresConnection, logger: Logger) async throws -> Int? {
        try await connection.withTransaction(logger: logger) { connection -> Int? in
            var locked = false
            for try await taken in try await connection.query("SELECT pg_try_advisory_xact_lock(\(lockKey))", logger: logger)
                .decode(Bool.self)
            { locked = taken }
            guard locked else { return nil }
            var minutes: [HistogramKey: LatencyCounts] = [:]
            var hours: [HistogramKey: LatencyCounts] = [:]
            var moved = 0
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) {
                let cells = try IntegerCells(row, count: 5)
                var rest = row.makeIterator()
                for _ in 0..<5 { _ = rest.next() }
                let buckets = try PendingBucketList.pairs(rest.next()?.bytes.map { Array($0.readableBytesView) } ?? [])
                let minute = cells[0], operation = cells[1]
                let count = Int(cells[2]), errors = Int(cells[3]), max = UInt64(clamping: cells[4])
                moved += 1
                minutes[HistogramKey(unit: minute, operation: operation), default: LatencyCounts()]
                    .add(buckets: buckets, count: count, errorCount: errors, maxMicros: max)
                hours[HistogramKey(unit: minute / 60, operation: operation), default: LatencyCounts()]
                    .add(buckets: buckets, count: count, errorCount: errors, maxMicros: max)
            }
            try await merge(minutes, into: "latency_minute_histograms", unit: "minute", connection, logger: logger)
            try await merge(hours, into: "latency_hour_histograms", unit: "hour", connection, logger: logger)
            return moved
        }
    }

    /// Histogram rows read, merged and written per statement.
    private static let mergeRows = 4_096

    /// Adds `added` to the stored rows of the same keys (absent ones start empty), a slice of keys at a time, in key
    /// order as every upsert of the store: the histograms merged here, the counts added up by PostgreSQL.
    private static func merge(
        _ added: [HistogramKey: LatencyCounts], into table: String, unit: String, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        let keys = added.keys.sorted { ($0.unit, $0.operation) < ($1.unit, $1.operation) }
        var start = 0
        while start < keys.count {
            let slice = keys[start..<min(keys.count, start + mergeRows)]
            start = slice.endIndex
            let units = slice.map(\.unit), operations = slice.map(\.operation)
            var stored: [HistogramKey: [UInt8]] = [:]
            let read = PostgresQuery(
                unsafeSQL: """
                    SELECT h.\(unit), h.operation_id, h.histogram FROM \(table) h
                    JOIN unnest($1::bigint[], $2::bigint[]) k(unit, operation_id) ON h.\(unit) = k.unit AND h.operation_id = k.operation_id
                    """,
                binds: bindings(units, operations))
            for try await (unitValue, operation, histogram) in try await connection.query(read, logger: logger)
                .decode((Int64, Int64, ByteBuffer).self)
            {
                stored[HistogramKey(unit: unitValue, operation: operation)] = Array(histogram.readableBytesView)
            }
            let histograms = try slice.map { key -> ByteBuffer in
                let counts = added[key]!
                return ByteBuffer(bytes: try stored[key].map { try counts.encoded(mergingStored: $0) } ?? counts.encoded())
            }
            var binds = bindings(units, operations)
            binds.append(histograms)
            binds.append(slice.map { Int64(added[$0]!.count) })
            binds.append(slice.map { Int64(added[$0]!.errorCount) })
            binds.append(slice.map { Int64(clamping: added[$0]!.maxMicros) })
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO \(table) AS h (\(unit), operation_id, histogram, count, error_count, max_micros)
                        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[], $4::bigint[], $5::bigint[], $6::bigint[])
                        ON CONFLICT (\(unit), operation_id) DO UPDATE SET histogram = EXCLUDED.histogram,
                            count = h.count + EXCLUDED.count, error_count = h.error_count + EXCLUDED.error_count,
                            max_micros = GREATEST(h.max_micros, EXCLUDED.max_micros)
                        """,
                    binds: binds),
                logger: logger)
        }
    }

    private static func bindings(_ units: [Int64], _ operations: [Int64]) -> PostgresBindings {
        var binds = PostgresBindings(capacity: 6)
        binds.append(units)
        binds.append(operations)
        return binds
    }

    /// The deleted pending rows (a batch), as they are.
    private static let statement = """
        DELETE FROM latency_pending WHERE ctid = ANY(ARRAY(SELECT ctid FROM latency_pending LIMIT \(batchRows)))
        RETURNING minute, operation_id, count, error_count, max_micros, buckets
        """

    /// For v6's migration, run before v7 turned the histograms into `LatencyCounts`' encoding: bucket counts (`summed`: rows of unit, operation, bucket, count, each key once) as one sorted pair of arrays
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

    /// A non-negative `v`'s varint (`BinaryWriter.writeVarint`) as one SQL expression: a `CASE` per length, each
    /// setting that many bytes. One expression, so PostgreSQL inlines the function; a query per value
    /// (`generate_series` and `string_agg`) converted 500 times slower.
    private static let varintSQL: String = {
        let lengths = (1...9).map { length -> String in
            var bytes = "'\\x\(String(repeating: "00", count: length))'::bytea"
            for index in 0..<length {
                let more = index < length - 1 ? 128 : 0
                bytes = "set_byte(\(bytes), \(index), (((v >> \(7 * index)) & 127) | \(more))::int)"
            }
            return length < 9 ? "WHEN v < \(Int64(1) << (7 * length)) THEN \(bytes)" : "ELSE \(bytes)"
        }
        return "CASE \(lengths.joined(separator: " ")) END"
    }()

    /// Schema v7: each histogram row holds `LatencyCounts`' encoding (a varint largest duration, then varint bucket
    /// and count pairs, buckets ascending: SQLite's `histogram` column) instead of two `bigint[]`. A query read about
    /// 4,000 such rows for a day of 59 operations, and PostgreSQL sent every array element as 12 bytes through a
    /// function call (`array_send`), after decompressing the hour rows from TOAST: about 60 ns and 12 bytes per
    /// bucket, ten times SQLite's whole answer. The varint form is a few bytes per bucket, copied out as it is, and
    /// an hour's row fits in its page. Rows converted here carry 0 as their largest duration (the count tables held
    /// it, and v8 moved it into the row's `max_micros`); the fold writes it from then on.
    static let encodedMigration: [String] =
        [
            "CREATE FUNCTION pg_temp.tracetop_varint(v bigint) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT \(varintSQL) $$"
        ]
        + ["minute", "hour"].flatMap { unit in
            let table = "latency_\(unit)_histograms"
            return [
                "ALTER TABLE \(table) RENAME TO \(table)_v6",
                "ALTER INDEX \(table)_pkey RENAME TO \(table)_v6_pkey",
                """
                CREATE TABLE \(table) (
                    \(unit) bigint NOT NULL, operation_id bigint NOT NULL, histogram bytea NOT NULL, PRIMARY KEY (\(unit), operation_id)
                )
                """,
                """
                INSERT INTO \(table) (\(unit), operation_id, histogram)
                SELECT \(unit), operation_id, '\\x00'::bytea || coalesce(
                    (SELECT string_agg(pg_temp.tracetop_varint(b) || pg_temp.tracetop_varint(c), ''::bytea ORDER BY b)
                     FROM unnest(buckets, counts) u(b, c)), ''::bytea)
                FROM \(table)_v6
                """,
                "DROP TABLE \(table)_v6"
            ]
        }
        + ["DROP FUNCTION pg_temp.tracetop_varint(bigint)"]

    /// Schema v8, two changes that make a latency query read fewer rows, and the fold move fewer:
    /// - The counts by minute and by hour (`latency_minutes`, `latency_hours`: spans, errors, largest duration) move
    ///   into the histogram rows of the same minute or hour, and their tables go. A day's latency query read as
    ///   many count rows as histogram rows (about 3,600 each for a day at 10M spans); the count rows' part was 1.4
    ///   of the statement's 5.4 ms (`EXPLAIN ANALYZE`), and the collector decoded them too. A count row with no histogram row keeps its counts under an empty histogram; every
    ///   histogram row had one (the fold wrote both in one transaction).
    /// - A commit appends one pending row per (minute, operation), its buckets in a list, instead of one per
    ///   (minute, operation, bucket). Every latency query reads all pending rows, and after full-speed ingest the
    ///   fold's backlog (100,000 rows and more) made a day's query take 92 ms instead of 12 in the thirteenth
    ///   session's 10M run. The rows still pending are converted here.
    static let countsMigration: [String] =
        [
            "ALTER TABLE latency_pending RENAME TO latency_pending_v7",
            """
            CREATE TABLE latency_pending (
                minute bigint NOT NULL, operation_id bigint NOT NULL, count bigint NOT NULL, error_count bigint NOT NULL,
                max_micros bigint NOT NULL, buckets bytea NOT NULL
            )
            """,
            """
            INSERT INTO latency_pending (minute, operation_id, count, error_count, max_micros, buckets)
            SELECT minute, operation_id, sum(count)::bigint, sum(error_count)::bigint, max(max_micros),
                   \(PendingBucketList.aggregate(bucket: "bucket", count: "count"))
            FROM latency_pending_v7 GROUP BY 1, 2
            """,
            "DROP TABLE latency_pending_v7"
        ]
        + ["minute", "hour"].flatMap { unit in
            let histograms = "latency_\(unit)_histograms", counts = "latency_\(unit)s"
            return [
                """
                ALTER TABLE \(histograms) ADD COLUMN count bigint NOT NULL DEFAULT 0,
                    ADD COLUMN error_count bigint NOT NULL DEFAULT 0, ADD COLUMN max_micros bigint NOT NULL DEFAULT 0
                """,
                """
                INSERT INTO \(histograms) (\(unit), operation_id, histogram, count, error_count, max_micros)
                SELECT \(unit), operation_id, '\\x00'::bytea, count, error_count, max_micros FROM \(counts)
                ON CONFLICT (\(unit), operation_id) DO UPDATE SET count = EXCLUDED.count, error_count = EXCLUDED.error_count,
                    max_micros = EXCLUDED.max_micros
                """,
                "ALTER TABLE \(histograms) ALTER count DROP DEFAULT, ALTER error_count DROP DEFAULT, ALTER max_micros DROP DEFAULT",
                "DROP TABLE \(counts)"
            ]
        }
}

/// A histogram row's key: a minute or an hour, and an operation.
private struct HistogramKey: Hashable {
    var unit: Int64
    var operation: Int64
}

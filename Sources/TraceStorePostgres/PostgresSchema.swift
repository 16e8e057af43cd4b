import Logging
import PostgresNIO

/// Versioned migrations, run by whichever collector starts first. A shipped migration never changes: add one.
///
/// Several collectors may start at once: each runs the migrations in one transaction that first takes a
/// transaction-level advisory lock, so one migrates while the others wait, then find nothing left to do. (A
/// transaction-level lock, not a session-level one, so it also holds behind a transaction-pooling proxy.)
///
/// Layout (docs/POSTGRES.md says more):
/// - `spans` and `logs` are range-partitioned by time (span start, log time): a re-sent span has the same start
///   and lands in the same partition; retention drops whole partitions. Partitions are created a few days ahead
///   (`PostgresPartitions`); the DEFAULT partition catches times outside them (Zipkin's epoch-0 starts, replays).
///   Their keys include the partition key, as PostgreSQL requires: a span is (trace id, span id, start).
/// - `traces` holds one summary row per trace, merged with `INSERT … ON CONFLICT DO UPDATE` from the spans a
///   commit actually inserted, so re-sends and concurrent collectors never count a span twice.
/// - services, operations, resources and scopes are interned; spans carry their ids.
/// - Names, ids and correlation ids are `bytea`: PostgreSQL `text` cannot hold a NUL, which a client may send,
///   and `bytea` compares byte by byte, as SQLite does.
/// - Latency: commits append their counts per (minute, operation) to `latency_pending`, the spans per HdrHistogram
///   bucket in a list; `LatencyFold` moves them into rows of counts and a histogram by minute and by hour, merged
///   by addition.
enum PostgresSchema {
    /// The advisory lock key of schema changes and partition maintenance ("tracetop" in ASCII).
    static let lockKey: Int64 = 0x7472_6163_6574_6F70
    /// The advisory lock key of retention: one collector deletes at a time ("tracetrm").
    static let retentionLockKey: Int64 = 0x7472_6163_6574_726D

    static let migrations: [(version: Int, sql: [String])] = [
        (
            1,
            [
                """
                CREATE TABLE services (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name bytea NOT NULL UNIQUE
                )
                """,
                """
                CREATE TABLE operations (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    service_id bigint NOT NULL REFERENCES services,
                    name bytea NOT NULL,
                    kind integer NOT NULL,
                    UNIQUE (service_id, name, kind)
                )
                """,
                // Bodies can pass a B-tree entry's size limit (~2.7 kB): unique by their SHA-256 instead.
                "CREATE TABLE resources (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body bytea NOT NULL)",
                "CREATE UNIQUE INDEX resources_by_digest ON resources (sha256(body))",
                "CREATE TABLE scopes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body bytea NOT NULL)",
                "CREATE UNIQUE INDEX scopes_by_digest ON scopes (sha256(body))",
                """
                CREATE TABLE spans (
                    trace_id bytea NOT NULL,
                    span_id bytea NOT NULL,
                    start_ns bigint NOT NULL,
                    end_ns bigint NOT NULL,
                    parent_span_id bytea,
                    service_id bigint NOT NULL,
                    operation_id bigint NOT NULL,
                    resource_id bigint NOT NULL,
                    scope_id bigint NOT NULL,
                    status_code integer NOT NULL,
                    is_error boolean NOT NULL,
                    body bytea NOT NULL,
                    PRIMARY KEY (trace_id, span_id, start_ns)
                ) PARTITION BY RANGE (start_ns)
                """,
                "CREATE TABLE spans_default PARTITION OF spans DEFAULT",
                """
                CREATE TABLE traces (
                    trace_id bytea PRIMARY KEY,
                    start_ns bigint NOT NULL,
                    end_ns bigint NOT NULL,
                    duration_ns bigint GENERATED ALWAYS AS (end_ns - start_ns) STORED,
                    span_count bigint NOT NULL,
                    error_count bigint NOT NULL,
                    root_start_ns bigint,
                    root_service_id bigint,
                    root_operation_id bigint,
                    service_ids bigint[] NOT NULL
                )
                """,
                "CREATE INDEX traces_by_start ON traces (start_ns)",
                "CREATE INDEX traces_by_duration ON traces (duration_ns)",
                """
                CREATE TABLE trace_correlations (
                    correlation_id bytea NOT NULL,
                    trace_id bytea NOT NULL,
                    PRIMARY KEY (correlation_id, trace_id)
                )
                """,
                "CREATE INDEX trace_correlations_by_trace ON trace_correlations (trace_id)",
                // Log ids come from a sequence, reserved per commit, so a commit can write a log's correlation rows
                // with it; they order logs of the same nanosecond as they arrived.
                "CREATE SEQUENCE log_ids",
                """
                CREATE TABLE logs (
                    id bigint NOT NULL,
                    time_ns bigint NOT NULL,
                    service_id bigint NOT NULL,
                    severity_number integer NOT NULL,
                    trace_id bytea,
                    span_id bytea,
                    resource_id bigint NOT NULL,
                    scope_id bigint NOT NULL,
                    body_search bytea NOT NULL,
                    body bytea NOT NULL
                ) PARTITION BY RANGE (time_ns)
                """,
                "CREATE TABLE logs_default PARTITION OF logs DEFAULT",
                "CREATE INDEX logs_by_time ON logs (time_ns, id)",
                "CREATE INDEX logs_by_trace ON logs (trace_id, time_ns) WHERE trace_id IS NOT NULL",
                """
                CREATE TABLE log_correlations (
                    correlation_id bytea NOT NULL,
                    log_id bigint NOT NULL,
                    PRIMARY KEY (correlation_id, log_id)
                )
                """,
                """
                CREATE TABLE latency_minutes (
                    minute bigint NOT NULL,
                    operation_id bigint NOT NULL,
                    count bigint NOT NULL,
                    error_count bigint NOT NULL,
                    max_micros bigint NOT NULL,
                    PRIMARY KEY (minute, operation_id)
                )
                """,
                """
                CREATE TABLE latency_buckets (
                    minute bigint NOT NULL,
                    operation_id bigint NOT NULL,
                    bucket bigint NOT NULL,
                    count bigint NOT NULL,
                    PRIMARY KEY (minute, operation_id, bucket)
                )
                """
            ]
        ),
        (2, PostgresTagIndex.migration),
        (3, latencyHours),
        (4, PostgresTagIndex.setsMigration),
        (5, LatencyFold.migration),
        (6, LatencyFold.pendingMigration),
        (7, LatencyFold.encodedMigration),
        (8, LatencyFold.countsMigration)
    ]

    static var latestVersion: Int { migrations.last!.version }

    /// Brings the schema to the latest version, in one transaction under the advisory lock.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS tracetop_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var current = 0
            for try await version in try await connection.query("SELECT coalesce(max(version), 0) FROM tracetop_migrations", logger: logger)
                .decode(Int.self)
            { current = version }
            guard current <= latestVersion else {
                throw PostgresSchemaError(
                    "the database's schema is version \(current), newer than this collector's \(latestVersion): upgrade the collector")
            }
            for migration in migrations where migration.version > current {
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO tracetop_migrations (version) VALUES (\(migration.version))", logger: logger)
                logger.info("PostgreSQL schema migrated", metadata: ["version": "\(migration.version)"])
            }
        }
    }
}

struct PostgresSchemaError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

import Foundation
import Logging
import PostgresNIO
import TraceModel

/// Daily range partitions of `spans` (by span start) and `logs` (by log time), created ahead of the data.
///
/// A partition must exist before rows of its day arrive: rows with no partition go to the DEFAULT partition, and
/// PostgreSQL refuses to create a partition whose range the DEFAULT partition already holds rows of. So the days
/// from yesterday to `daysAhead` days from now are created at start (and by whichever collector runs the
/// maintenance later); a day that is refused stays in the DEFAULT partition, which is correct, only slower to
/// delete. Under the schema's advisory lock, so collectors starting together do not race.
enum PostgresPartitions {
    static let dayNanos: Int64 = 86_400_000_000_000
    static let daysAhead = 3

    static func createAhead(
        _ connection: PostgresConnection, now: Date = Date(timeIntervalSince1970: Double(UnixTime.nowNanoseconds()) / 1e9), logger: Logger
    ) async throws {
        let today = Int64(now.timeIntervalSince1970 / 86_400)
        for day in (today - 1)...(today + Int64(daysAhead)) {
            for table in ["spans", "logs"] {
                do {
                    try await connection.withTransaction(logger: logger) { connection in
                        try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))", logger: logger)
                        try await connection.query(PostgresQuery(unsafeSQL: createSQL(table: table, day: day)), logger: logger)
                    }
                } catch {
                    logger.warning(
                        "a day's partition was not created; its rows stay in the default partition",
                        metadata: [
                            "table": "\(table)", "partition": "\(name(table: table, day: day))",
                            "reason": "\(PostgresFailure.reason((error as? PostgresTransactionError)?.closureError ?? error))"
                        ])
                }
            }
        }
    }

    /// A day partition of `spans` or `logs`.
    struct Day: Sendable {
        var table: String
        var name: String
        /// Days since the epoch (UTC).
        var day: Int64
        var endNanos: Int64 { (day + 1) * dayNanos }
    }

    /// The day partitions there are, oldest first (the DEFAULT partitions are not among them).
    static func days(_ connection: PostgresConnection, logger: Logger) async throws -> [Day] {
        var days: [Day] = []
        for try await (table, name) in try await connection.query(
            """
            SELECT p.relname::text, c.relname::text FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname IN ('spans', 'logs') AND c.relnamespace = p.relnamespace
            """, logger: logger
        ).decode((String, String).self) {
            guard let day = Self.day(of: name, table: table) else { continue }
            days.append(Day(table: table, name: name, day: day))
        }
        return days.sorted { ($0.day, $0.table) < ($1.day, $1.table) }
    }

    /// The day a partition name holds, nil for any other name (the DEFAULT partition, a table someone added).
    static func day(of name: String, table: String) -> Int64? {
        guard name.hasPrefix(table + "_"), name.count == table.count + 9 else { return nil }
        let digits = String(name.dropFirst(table.count + 1))
        let formatter = dayFormatter
        guard digits.allSatisfy(\.isNumber), let date = formatter.date(from: digits) else { return nil }
        return Int64(date.timeIntervalSince1970 / 86_400)
    }

    /// Drops a day partition: its rows go at once, their space back to the file system. Returns the bytes it
    /// took and, for logs, how many it held (spans are counted by their traces' summaries, deleted after).
    static func drop(_ partition: Day, _ connection: PostgresConnection, logger: Logger) async throws -> (rows: Int, bytes: Int) {
        var rows = 0, bytes = 0
        for try await (tuples, size) in try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(partition.table == "logs" ? "(SELECT count(*) FROM \(partition.name))" : "0::bigint"),
                           pg_total_relation_size('\(partition.name)'::regclass)
                    """),
            logger: logger
        ).decode((Int64, Int64).self) {
            rows = Int(tuples)
            bytes = Int(size)
        }
        try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(partition.name)"), logger: logger)
        if partition.table == "logs" {
            // Log ids grow with arrival: correlation rows below the smallest id left belong to logs that are gone.
            try await connection.query(
                "DELETE FROM log_correlations WHERE log_id < coalesce((SELECT min(id) FROM logs), 0)", logger: logger)
        }
        logger.info("retention dropped a day partition", metadata: ["partition": "\(partition.name)", "bytes": "\(bytes)"])
        return (rows, bytes)
    }

    private static var dayFormatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd"
        return formatter
    }

    /// `spans_20261204`: the table and the day (UTC) it holds.
    static func name(table: String, day: Int64) -> String {
        "\(table)_\(dayFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(day) * 86_400)))"
    }

    /// The names are built from a day number, never from input: safe to inline.
    static func createSQL(table: String, day: Int64) -> String {
        "CREATE TABLE IF NOT EXISTS \(name(table: table, day: day)) PARTITION OF \(table) FOR VALUES FROM (\(day * dayNanos)) TO (\((day + 1) * dayNanos))"
    }
}

import Foundation
import Logging
import PostgresNIO

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

    static func createAhead(_ connection: PostgresConnection, now: Date = Date(), logger: Logger) async throws {
        let today = Int64(now.timeIntervalSince1970 / 86_400)
        for day in (today - 1)...(today + Int64(daysAhead)) {
            for table in ["spans", "logs"] {
                do {
                    try await connection.withTransaction(logger: logger) { connection in
                        try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))", logger: logger)
                        try await connection.query(PostgresQuery(unsafeSQL: createSQL(table: table, day: day)), logger: logger)
                    }
                } catch {
                    logger.warning("a day's partition was not created; its rows stay in the default partition", metadata: [
                        "table": "\(table)", "partition": "\(name(table: table, day: day))",
                        "reason": "\(PostgresFailure.reason((error as? PostgresTransactionError)?.closureError ?? error))",
                    ])
                }
            }
        }
    }

    /// `spans_20261204`: the table and the day (UTC) it holds.
    static func name(table: String, day: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(day) * 86_400)
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd"
        return "\(table)_\(formatter.string(from: date))"
    }

    /// The names are built from a day number, never from input: safe to inline.
    static func createSQL(table: String, day: Int64) -> String {
        "CREATE TABLE IF NOT EXISTS \(name(table: table, day: day)) PARTITION OF \(table) FOR VALUES FROM (\(day * dayNanos)) TO (\((day + 1) * dayNanos))"
    }
}

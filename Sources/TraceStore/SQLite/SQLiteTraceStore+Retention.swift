import Foundation
import GRDB

/// Retention on SQLite: deletes the oldest rows in short transactions and gives free pages back with
/// `incremental_vacuum` (files are created with `auto_vacuum = INCREMENTAL`).
extension SQLiteTraceStore {
    public func deleteOlder(than cutoffNanos: UInt64, limit: Int) async throws -> Int {
        let cutoff = StoredTime.column(cutoffNanos)
        return try await pool.write { db in
            var deleted = 0
            let traces = try Row.fetchAll(db, sql: "SELECT trace_id, seq FROM traces WHERE start_ns < ? ORDER BY start_ns LIMIT ?", arguments: [cutoff, limit])
            // Spans are keyed by their trace's sequence number (see Schema).
            let spans = try db.cachedStatement(sql: "DELETE FROM spans WHERE trace_seq = ?")
            let correlations = try db.cachedStatement(sql: "DELETE FROM trace_correlations WHERE trace_id = ?")
            let summary = try db.cachedStatement(sql: "DELETE FROM traces WHERE trace_id = ?")
            for trace in traces {
                let traceID: Data = trace[0]
                let seq: Int64 = trace[1]
                try spans.execute(arguments: [seq])
                try correlations.execute(arguments: [traceID])
                try summary.execute(arguments: [traceID])
            }
            deleted += traces.count
            if !traces.isEmpty {
                // Tag-search index rows of blocks every trace of which is gone (see `AttributeIndex`).
                let oldest = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM traces") ?? Int64.max
                try db.execute(sql: "DELETE FROM attribute_index WHERE block < ?", arguments: [AttributeIndexPolicy.block(ofSeq: oldest)])
            }

            let logs = try Int64.fetchAll(db, sql: "SELECT id FROM logs WHERE time_ns < ? ORDER BY time_ns LIMIT ?", arguments: [cutoff, limit])
            let log = try db.cachedStatement(sql: "DELETE FROM logs WHERE id = ?")
            let logCorrelations = try db.cachedStatement(sql: "DELETE FROM log_correlations WHERE log_id = ?")
            for id in logs {
                try log.execute(arguments: [id])
                try logCorrelations.execute(arguments: [id])
            }
            deleted += logs.count

            // Latency minutes are small (one row per operation and minute): whole minutes before the cutoff go.
            try db.execute(
                sql: """
                    DELETE FROM latency_minutes WHERE (operation_id, minute) IN
                        (SELECT operation_id, minute FROM latency_minutes WHERE minute < ? LIMIT ?)
                    """,
                arguments: [StoredTime.minute(of: cutoffNanos), limit])
            // The hourly roll-up keeps an hour until all of it is before the cutoff.
            try db.execute(
                sql: """
                    DELETE FROM latency_hours WHERE (operation_id, hour) IN
                        (SELECT operation_id, hour FROM latency_hours WHERE hour < ? LIMIT ?)
                    """,
                arguments: [StoredTime.minute(of: cutoffNanos) / 60, limit])
            return deleted
        }
    }

    public func timeAfterOldest(_ count: Int) async throws -> UInt64? {
        try await pool.read { db in
            let offset = max(count - 1, 0)
            let trace = try Int64.fetchOne(db, sql: "SELECT start_ns FROM traces ORDER BY start_ns LIMIT 1 OFFSET ?", arguments: [offset])
                ?? Int64.fetchOne(db, sql: "SELECT min(start_ns) FROM traces")
            let log = try Int64.fetchOne(db, sql: "SELECT time_ns FROM logs ORDER BY time_ns LIMIT 1 OFFSET ?", arguments: [offset])
                ?? Int64.fetchOne(db, sql: "SELECT min(time_ns) FROM logs")
            // Fewer rows than `count`: only the oldest instant goes, never everything at once.
            // The earlier of the two: deleting before it removes at most `count` of either kind.
            guard let earliest = [trace, log].compactMap({ $0 }).min() else { return nil }
            return StoredTime.value(earliest) &+ 1
        }
    }

    public func spaceUsage() async throws -> SpaceUsage {
        try await pool.read { db in
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            return SpaceUsage(fileBytes: pages * pageSize, freeBytes: free * pageSize)
        }
    }

    public func reclaimFreeSpace(maxBytes: Int) async throws {
        try await pool.writeWithoutTransaction { db in
            guard try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") == 2 else { return }
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            try db.execute(sql: "PRAGMA incremental_vacuum(\(max(maxBytes / pageSize, 1)))")
        }
    }
}

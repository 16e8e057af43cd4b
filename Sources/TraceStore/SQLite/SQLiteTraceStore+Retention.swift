import Foundation
import Synchronization
import GRDB

/// Retention on SQLite: deletes the oldest rows in short transactions and gives free pages back with
/// `incremental_vacuum` (files are created with `auto_vacuum = INCREMENTAL`).
extension SQLiteTraceStore {
    package func deleteOldest(before cutoffNanos: UInt64, within limits: DeletionLimits) async throws -> DeletedData {
        let cutoff = StoredTime.column(cutoffNanos)
        let candidates = max(limits.rows, 1)
        let (deleted, started) = try await pool.write { db in
            // From here on this transaction holds the database: the time limit counts from now.
            let started = ContinuousClock.now
            let deadline = started + .nanoseconds(Int64(clamping: limits.nanos))
            // The candidates: at most `rows` of each kind, merged below by time.
            let traces = try Row.fetchAll(
                db, sql: "SELECT start_ns, trace_id, seq FROM traces WHERE start_ns < ? ORDER BY start_ns LIMIT ?",
                arguments: [cutoff, candidates])
            let logs = try Row.fetchAll(
                db, sql: "SELECT time_ns, id FROM logs WHERE time_ns < ? ORDER BY time_ns LIMIT ?", arguments: [cutoff, candidates])
            let deleter = try OldestRowDeleter(db: db)
            var deleted = DeletedData()
            var nextTrace = 0, nextLog = 0
            var lastTime: Int64?
            while deleted.rows < candidates, deleted.bytes < limits.bytes, deleted.rows == 0 || ContinuousClock.now < deadline {
                let traceTime: Int64? = nextTrace < traces.count ? traces[nextTrace][0] : nil
                let logTime: Int64? = nextLog < logs.count ? logs[nextLog][0] : nil
                if let traceTime, logTime.map({ traceTime <= $0 }) ?? true {
                    deleted.bytes += try deleter.deleteTrace(id: traces[nextTrace][1], seq: traces[nextTrace][2])
                    nextTrace += 1
                    lastTime = traceTime
                } else if let logTime {
                    deleted.bytes += try deleter.deleteLog(id: logs[nextLog][1])
                    nextLog += 1
                    lastTime = logTime
                } else {
                    break
                }
                deleted.rows += 1
            }
            if nextTrace > 0 { try OldestRowDeleter.deleteBlocks(db: db) }
            // Everything before the cutoff is gone only when both lists ran out and neither was cut by the limit.
            let exhausted = nextTrace == traces.count && nextLog == logs.count && traces.count < candidates && logs.count < candidates
            let dataGoneBefore = exhausted ? cutoff : (lastTime ?? Int64.min)
            try foldPendingLatency(before: StoredTime.value(dataGoneBefore), db: db)
            try deleteLatency(before: StoredTime.value(dataGoneBefore), limit: candidates, db: db)
            return (deleted, started)
        }
        var result = deleted
        result.held = ContinuousClock.now - started
        return result
    }

    /// Pending latency counts of minutes about to be deleted go into the tables first, or they would come back at
    /// the writer's next merge. Only then: retention under a size limit runs step after step, and a merge per
    /// step would cost the writer more than its own every 64 commits. The writer's sum is dropped, not kept: it
    /// reloads the table at its next commit, so it stays right whether this transaction commits or rolls back.
    private func foldPendingLatency(before nanos: UInt64, db: Database) throws {
        guard nanos > 0 else { return }
        let minute = StoredTime.minute(of: nanos)
        try interned.withLock { tables in
            // The writer's sum matches the table here: its transactions and this one take turns.
            var pending = try tables.pendingLatency ?? PendingLatency.load(db)
            guard pending.counts.keys.contains(where: { $0.minute < minute }) else { return }
            tables.pendingLatency = nil
            try pending.fold(db)
        }
    }

    /// Latency minutes (one small row per operation and minute) wholly before `nanos`; the hourly roll-up keeps
    /// an hour until all of it is before.
    private func deleteLatency(before nanos: UInt64, limit: Int, db: Database) throws {
        guard nanos > 0 else { return }
        let minute = StoredTime.minute(of: nanos)
        try db.execute(
            sql: """
                DELETE FROM latency_minutes WHERE (minute, operation_id) IN
                    (SELECT minute, operation_id FROM latency_minutes WHERE minute < ? LIMIT ?)
                """,
            arguments: [minute, limit])
        try db.execute(
            sql: """
                DELETE FROM latency_hours WHERE (hour, operation_id) IN
                    (SELECT hour, operation_id FROM latency_hours WHERE hour < ? LIMIT ?)
                """,
            arguments: [minute / 60, limit])
    }

    package func storageUsage() async throws -> StorageUsage {
        try await pool.read { db in
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            return StorageUsage(allocatedBytes: pages * pageSize, reclaimableBytes: free * pageSize)
        }
    }

    @discardableResult
    package func reclaimStorage(maxBytes: Int) async throws -> Duration {
        let started = try await pool.writeWithoutTransaction { db in
            let started = ContinuousClock.now
            guard try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") == 2 else { return started }
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            try db.execute(sql: "PRAGMA incremental_vacuum(\(max(maxBytes / pageSize, 1)))")
            return started
        }
        return ContinuousClock.now - started
    }
}

/// The maintenance role of the storage contract (see `TraceStore`): retention by age and size, and the levels
/// `/metrics` reports. Each call is one short transaction, so the collector can enforce limits in small steps
/// between group commits without holding ingest up.
package protocol StoreMaintenance: Sendable {
    /// Deletes the oldest traces (with their spans and correlation rows) and logs that lie before `cutoffNanos`,
    /// oldest first whatever their kind, and stops at the first of `limits`: rows, bytes or time. Latency
    /// minutes go once no trace or log is left in them. Says how many rows went and how many bytes they took.
    /// (A backend that stores by time may drop whole periods at once; see its own notes.)
    func deleteOldest(before cutoffNanos: UInt64, within limits: DeletionLimits) async throws -> DeletedData
    /// The storage the store holds on disk and how much of it is reclaimable (see `StorageUsage`).
    func storageUsage() async throws -> StorageUsage
    /// Gives up to `maxBytes` of reclaimable storage back to the file system. A no-op where the backend has none
    /// to give back in steps. Says how long it held the database.
    @discardableResult
    func reclaimStorage(maxBytes: Int) async throws -> Duration
}

/// What the store takes on disk, in terms both backends answer:
/// - SQLite: `allocatedBytes` is the database file (its pages), `reclaimableBytes` its free pages, which new
///   writes reuse before the file grows and `reclaimStorage` cuts off the file (`incremental_vacuum`).
/// - PostgreSQL: `allocatedBytes` is the database's size (`pg_database_size`); `reclaimableBytes` is 0, since
///   space freed by row deletes is reused by PostgreSQL (autovacuum) but not given back, and a dropped partition
///   gives its space back at once.
package struct StorageUsage: Hashable, Sendable {
    package var allocatedBytes: Int
    package var reclaimableBytes: Int
    /// The storage that holds data: retention by size steers by this.
    package var usedBytes: Int { allocatedBytes - reclaimableBytes }

    package init(allocatedBytes: Int, reclaimableBytes: Int) {
        self.allocatedBytes = allocatedBytes
        self.reclaimableBytes = reclaimableBytes
    }
}

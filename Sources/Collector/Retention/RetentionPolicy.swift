/// How much the collector keeps: data older than `maxAge` goes, and when the database file passes
/// `maxDatabaseBytes` the oldest data goes until it fits again. Whichever is reached first applies.
package struct RetentionPolicy: Sendable {
    /// Nil keeps data whatever its age.
    package var maxAgeNanos: UInt64?
    /// Nil lets the file grow.
    package var maxDatabaseBytes: Int?
    /// Pause between enforcement passes while nothing needs deleting.
    package var checkIntervalNanos: UInt64
    /// Traces (and logs) deleted per step at first; adapted so one step stays well under `maxStepNanos`.
    package var initialBatch: Int
    /// The longest a single retention step may hold the database (ingest waits for it): a delete stops after
    /// half of it (the commit takes the rest), and the pause after a step is as long.
    package var maxStepNanos: UInt64

    package init(
        maxAgeNanos: UInt64? = nil, maxDatabaseBytes: Int? = nil, checkIntervalNanos: UInt64 = 5_000_000_000,
        initialBatch: Int = 200, maxStepNanos: UInt64 = 30_000_000
    ) {
        self.maxAgeNanos = maxAgeNanos
        self.maxDatabaseBytes = maxDatabaseBytes
        self.checkIntervalNanos = checkIntervalNanos
        self.initialBatch = initialBatch
        self.maxStepNanos = maxStepNanos
    }

    package var isEnabled: Bool { maxAgeNanos != nil || maxDatabaseBytes != nil }

    /// Below this the size limit deletes nothing: room left so that deleting, then refilling freed pages,
    /// keeps the file from creeping past the limit.
    var sizeTargetBytes: Int? { maxDatabaseBytes.map { $0 / 10 * 9 } }
}

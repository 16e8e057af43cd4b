import Logging
import TraceStore

/// One pass of retention at a time; `step()` does one bounded piece of work and says whether more is due.
///
/// Size: the used pages (file minus free pages) lag behind deletes — a delete frees space inside pages at once,
/// but a page reaches the free list only when every row on it is gone, and a B-tree with random keys (trace ids,
/// correlation ids) keeps its half-emptied pages and refills them. Steering by used pages alone went on deleting
/// until whole pages came free, about three times the excess. So a size pass measures the excess once, deletes
/// the oldest data until the bytes its deletes report cover it, and then counts the part of those bytes that did
/// not come back as free pages as slack: space inside pages that new data reuses before the file grows. The next
/// check subtracts the slack from the used pages. Slack is capped at the headroom between the target (90 % of the
/// limit) and the limit, so however wrong the estimate, the file stays within the limit.
struct RetentionEnforcer {
    let policy: RetentionPolicy
    let store: any StoreMaintenance
    let logger: Logger
    let now: @Sendable () -> UInt64
    /// Rows one step may delete (a bound on the candidates it reads); the step's own time limit usually stops
    /// it first. Grows while steps stop at it rather than at the time limit.
    private(set) var batch: Int
    /// Bytes one vacuum step may give back; adapted so a step holds the database under half the allowance.
    private(set) var reclaimBytes = 512 << 10
    /// The longest time a step held the database (commit included), for tests and the log.
    private(set) var longestStepNanos: UInt64 = 0
    private(set) var deletedRows = 0
    /// Bytes freed inside pages by earlier size passes and not (yet) seen as free pages.
    private(set) var slackBytes = 0
    private var sizePass: SizePass?
    /// Told of every delete (for `/metrics`).
    var onDeleted: @Sendable (DeletedData) -> Void = { _ in }
    /// Told of every space reading (`/metrics` shows the latest).
    var onSpaceMeasured: @Sendable (StorageUsage) -> Void = { _ in }

    /// An excess being deleted: what the used pages were when it was measured, how much to free, how much went.
    private struct SizePass {
        let usedAtStart: Int
        let excess: Int
        var freed = 0
    }

    init(policy: RetentionPolicy, store: any StoreMaintenance, logger: Logger, now: @escaping @Sendable () -> UInt64) {
        self.policy = policy
        self.store = store
        self.logger = logger
        self.now = now
        batch = max(policy.initialBatch, 1)
    }

    /// Deletes one batch of expired or excess data, or gives back some free pages. Returns true when it did
    /// something (so more may be due right away), false when everything is within the policy.
    mutating func step() async throws -> Bool {
        do {
            if let maxAge = policy.maxAgeNanos {
                let clock = now()
                let cutoff = clock > maxAge ? clock - maxAge : 0
                if try await delete(before: cutoff, maxBytes: .max).rows > 0 { return true }
            }
            guard let target = policy.sizeTargetBytes, let limit = policy.maxDatabaseBytes else { return false }
            if try await deleteExcess(target: target, limit: limit) { return true }
            return try await reclaimFreePages(target: target, limit: limit)
        } catch {
            logger.warning("retention step failed; trying again later", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// One step of a size pass, starting one when the used pages (less the slack) pass the target.
    private mutating func deleteExcess(target: Int, limit: Int) async throws -> Bool {
        if sizePass == nil {
            let used = try await measureSpace().usedBytes
            guard used - slackBytes > target else { return false }
            sizePass = SizePass(usedAtStart: used, excess: used - slackBytes - target)
        }
        guard var pass = sizePass else { return false }
        if pass.freed < pass.excess {
            let deleted = try await delete(before: .max, maxBytes: pass.excess - pass.freed)
            pass.freed += deleted.bytes
            sizePass = pass
            if deleted.rows > 0 { return true }
        }
        // Done (or nothing left to delete): what did not come back as free pages is slack inside pages.
        let used = try await measureSpace().usedBytes
        let cameBack = pass.usedAtStart - used
        slackBytes = min(max(slackBytes + pass.freed - cameBack, 0), limit - target)
        sizePass = nil
        logger.debug(
            "retention size pass done",
            metadata: [
                "excess": "\(pass.excess)", "freed": "\(pass.freed)", "free_pages": "\(cameBack)", "slack": "\(slackBytes)"
            ])
        // A pass that found nothing to delete (what is left is names and histograms) waits for the next check.
        return pass.freed > 0
    }

    /// Free pages within the limit stay for the next commits to reuse; past it they go back to the file system.
    private mutating func reclaimFreePages(target: Int, limit: Int) async throws -> Bool {
        let usage = try await measureSpace()
        guard usage.allocatedBytes > limit, usage.reclaimableBytes > 0 else { return false }
        let held = note(try await store.reclaimStorage(maxBytes: min(usage.reclaimableBytes, usage.allocatedBytes - target, reclaimBytes)))
        if held > policy.maxStepNanos / 2 {
            reclaimBytes = max(reclaimBytes / 2, 64 << 10)
        } else if held < policy.maxStepNanos / 8 {
            // At most 512 kB: a vacuum step cannot stop early, and one that must move pages is slower than one
            // that only cuts free pages off the end, which is what a quick step may have been.
            reclaimBytes = min(reclaimBytes * 2, 512 << 10)
        }
        return true
    }

    /// One delete transaction, bounded by the batch, `maxBytes` and half the step allowance (the commit takes
    /// the rest). The time is measured inside the transaction, so waiting for ingest's commits does not count.
    private mutating func delete(before cutoff: UInt64, maxBytes: Int) async throws -> DeletedData {
        let store = self.store
        let limits = DeletionLimits(rows: batch, bytes: maxBytes, nanos: policy.maxStepNanos / 2)
        let deleted = try await store.deleteOldest(before: cutoff, within: limits)
        let elapsed = note(deleted.held)
        deletedRows += deleted.rows
        onDeleted(deleted)
        if deleted.rows >= batch && elapsed < policy.maxStepNanos / 4 { batch = min(batch * 2, 10_000) }
        if deleted.rows > 0 {
            logger.debug(
                "retention deleted old data",
                metadata: [
                    "rows": "\(deleted.rows)", "bytes": "\(deleted.bytes)", "step.ms": "\(elapsed / 1_000_000)"
                ])
        }
        return deleted
    }

    private func measureSpace() async throws -> StorageUsage {
        let usage = try await store.storageUsage()
        onSpaceMeasured(usage)
        return usage
    }

    @discardableResult
    private mutating func note(_ duration: Duration) -> UInt64 {
        let nanos = UInt64(duration.components.seconds) * 1_000_000_000 + UInt64(duration.components.attoseconds / 1_000_000_000)
        longestStepNanos = max(longestStepNanos, nanos)
        return nanos
    }
}

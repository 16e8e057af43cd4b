import Logging
import ServiceLifecycle
import TraceStore

/// Enforces the retention policy in the background, in small steps: each step is one short delete
/// transaction (its size adapted so it stays under `maxStepNanos`), with a pause after it so the ingest
/// writer always gets the database in between. Free pages are given back a few megabytes at a time.
struct RetentionService: Service {
    let policy: RetentionPolicy
    let store: any TraceStore
    let logger: Logger
    var now: @Sendable () -> UInt64 = { Clock.nowUnixNano() }

    func run() async throws {
        // A service that returns stops the whole application: with nothing to enforce, wait for shutdown.
        guard policy.isEnabled else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown { [policy, store, logger, now] in
            var enforcer = RetentionEnforcer(policy: policy, store: store, logger: logger, now: now)
            while !Task.isCancelled {
                let busy = (try? await enforcer.step()) ?? false
                // Right after a step: a short breath for ingest. Otherwise: the check interval.
                let pause = busy ? min(policy.maxStepNanos, policy.checkIntervalNanos) : policy.checkIntervalNanos
                try? await Task.sleep(nanoseconds: pause)
            }
        }
    }
}

/// One pass of retention at a time; `step()` does one bounded piece of work and says whether more is due.
struct RetentionEnforcer {
    let policy: RetentionPolicy
    let store: any TraceStore
    let logger: Logger
    let now: @Sendable () -> UInt64
    private(set) var batch: Int
    /// The longest step seen, for tests and the log.
    private(set) var longestStepNanos: UInt64 = 0
    private(set) var deletedRows = 0

    init(policy: RetentionPolicy, store: any TraceStore, logger: Logger, now: @escaping @Sendable () -> UInt64) {
        self.policy = policy
        self.store = store
        self.logger = logger
        self.now = now
        batch = max(policy.initialBatch, 1)
    }

    /// Deletes one batch of expired or excess data, or gives back some free pages. Returns true when it did
    /// something (so more may be due right away), false when everything is within the policy.
    mutating func step() async throws -> Bool {
        let store = self.store, batch = self.batch
        do {
            if let maxAge = policy.maxAgeNanos {
                let cutoff = now() > maxAge ? now() - maxAge : 0
                if try await timed({ try await store.deleteOlder(than: cutoff, limit: batch) }) > 0 { return true }
            }
            guard let target = policy.sizeTargetBytes else { return false }
            let usage = try await store.spaceUsage()
            if usage.usedBytes > target, let cutoff = try await store.timeAfterOldest(batch) {
                if try await timed({ try await store.deleteOlder(than: cutoff, limit: batch) }) > 0 { return true }
            }
            // Free pages within the limit stay for the next commits to reuse; past it they go back to the file system.
            if let limit = policy.maxDatabaseBytes, usage.fileBytes > limit, usage.freeBytes > 0 {
                let start = ContinuousClock.now
                try await store.reclaimFreeSpace(maxBytes: min(usage.freeBytes, usage.fileBytes - target, Self.reclaimStepBytes))
                note(ContinuousClock.now - start)
                return true
            }
            return false
        } catch {
            logger.warning("retention step failed; trying again later", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// About 1 MB of pages per vacuum step: a few milliseconds of work.
    static let reclaimStepBytes = 1 << 20

    /// Runs one delete and adapts the batch: halve when a step took more than half the allowance, grow
    /// while steps are quick.
    private mutating func timed(_ delete: () async throws -> Int) async throws -> Int {
        let start = ContinuousClock.now
        let deleted = try await delete()
        let elapsed = note(ContinuousClock.now - start)
        deletedRows += deleted
        if elapsed > policy.maxStepNanos / 2 {
            batch = max(batch / 2, 1)
        } else if elapsed < policy.maxStepNanos / 8 && deleted >= batch {
            batch = min(batch * 2, 10_000)
        }
        if deleted > 0 {
            logger.debug("retention deleted old data", metadata: ["rows": "\(deleted)", "step.ms": "\(elapsed / 1_000_000)"])
        }
        return deleted
    }

    @discardableResult
    private mutating func note(_ duration: Duration) -> UInt64 {
        let nanos = UInt64(duration.components.seconds) * 1_000_000_000 + UInt64(duration.components.attoseconds / 1_000_000_000)
        longestStepNanos = max(longestStepNanos, nanos)
        return nanos
    }
}

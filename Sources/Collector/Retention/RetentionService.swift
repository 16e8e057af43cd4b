import Logging
import ServiceLifecycle
import TraceModel
import TraceStore

/// Enforces the retention policy in the background, in small steps: each step is one short delete
/// transaction (bounded by rows, bytes and time), with a pause after it so the ingest writer always gets the
/// database in between. Free pages are given back a little at a time.
struct RetentionService: Service {
    let policy: RetentionPolicy
    let store: any StoreMaintenance
    let logger: Logger
    var now: @Sendable () -> UInt64 = { UnixTime.nowNanoseconds() }
    var metrics: RetentionMetrics?
    /// Told of every space reading a step takes (`/metrics` shows the latest rather than taking its own).
    var onSpaceMeasured: @Sendable (StorageUsage) -> Void = { _ in }

    func run() async throws {
        // A service that returns stops the whole application: with nothing to enforce, wait for shutdown.
        guard policy.isEnabled else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown { [policy, store, logger, now, metrics, onSpaceMeasured] in
            var enforcer = RetentionEnforcer(policy: policy, store: store, logger: logger, now: now)
            enforcer.onDeleted = { metrics?.deleted(rows: $0.rows, bytes: $0.bytes) }
            enforcer.onSpaceMeasured = onSpaceMeasured
            while !Task.isCancelled {
                let busy = (try? await enforcer.step()) ?? false
                // Right after a step: a breath for ingest as long as the step. Otherwise: the check interval.
                let pause = busy ? min(policy.maxStepNanos, policy.checkIntervalNanos) : policy.checkIntervalNanos
                try? await Task.sleep(nanoseconds: pause)
            }
        }
    }
}

import Logging
import Synchronization
import TraceStore

/// Whether the PostgreSQL server answers, so that calls fail at once while it does not.
///
/// Left to itself, the connection pool queues every call while it cannot connect: for 15 s (its circuit
/// breaker), and after that its retries back off to a minute apart, so a collector came back up to a minute
/// after the server did. Here, a call that waits longer than `suspectAfter`, or that lost its connection, asks
/// for a probe: a connection of its own and `SELECT 1`. When that fails the server counts as unreachable:
/// every call then fails at once with `StoreUnavailable` (ingest answers 503 + Retry-After, queries 503,
/// `/readyz` names the reason), and the probe runs again every `probeInterval` until it succeeds. Then the
/// store starts a fresh pool (`onBack`) and calls go through again.
final class ServerReachability: Sendable {
    /// A call waiting this long for the server gets a probe to ask whether it is there at all.
    static let suspectAfter: Duration = .seconds(1)
    /// How often an unreachable server is tried again.
    static let probeInterval: Duration = .seconds(1)
    /// Probes of a server that answered are this far apart at least, however many calls are slow.
    static let minimumProbeSpacing: Duration = .seconds(2)

    private struct State {
        /// Why the server cannot be reached, while it cannot.
        var outage: String?
        var probing = false
        var lastProbe: ContinuousClock.Instant?
    }

    private let state = Mutex(State())
    private let serverName: String
    private let probe: @Sendable () async throws -> Void
    private let onBack: @Sendable () -> Void
    private let logger: Logger

    /// `probe` connects and asks something trivial, throwing a reason when it cannot; `onBack` runs once the
    /// server answers again after an outage, before calls go through.
    init(serverName: String, logger: Logger, probe: @escaping @Sendable () async throws -> Void, onBack: @escaping @Sendable () -> Void) {
        self.serverName = serverName
        self.logger = logger
        self.probe = probe
        self.onBack = onBack
    }

    /// Why the server cannot be reached now; nil while it can (as far as anyone knows).
    var unreachableReason: String? { state.withLock { $0.outage } }

    /// Throws at once while the server is known to be unreachable.
    func check() throws {
        if let outage = unreachableReason { throw StoreUnavailable(outage) }
    }

    /// A call is slow or lost its connection: probes the server, unless a probe runs or ran a moment ago.
    func suspect() {
        let start = state.withLock { state -> Bool in
            guard !state.probing, state.outage == nil else { return false }
            if let last = state.lastProbe, ContinuousClock.now - last < Self.minimumProbeSpacing { return false }
            state.probing = true
            return true
        }
        if start { Task { await probeUntilReachable() } }
    }

    /// Probes once; while that fails, marks the outage and probes again every `probeInterval` until it works.
    private func probeUntilReachable() async {
        while true {
            let failure: String?
            do {
                try await probe()
                failure = nil
            } catch {
                failure = "\(error)"
            }
            let outageEnded = state.withLock { state -> Bool? in
                state.lastProbe = .now
                if let failure {
                    if state.outage == nil {
                        logger.error("PostgreSQL cannot be reached; refusing calls until it answers", metadata: ["reason": "\(failure)"])
                    }
                    state.outage = "PostgreSQL at \(serverName) cannot be reached: \(failure)"
                    return nil
                }
                return state.outage != nil
            }
            guard let outageEnded else {
                try? await Task.sleep(for: Self.probeInterval)
                continue
            }
            if outageEnded {
                // A fresh pool before calls resume: the old one may be backing off for up to a minute.
                onBack()
                logger.notice("PostgreSQL answers again", metadata: ["server": "\(serverName)"])
            }
            state.withLock { state in
                state.outage = nil
                state.probing = false
            }
            return
        }
    }

    /// `operation`, failing at once while the server is unreachable and, once it has waited `suspectAfter`, as
    /// soon as a probe finds the server gone; after `timeout` in any case, with an error naming the server. The
    /// operation is cancelled then. Any failure asks for a probe: classifying errors would be guesswork (a lost
    /// connection, the pool's circuit breaker, a server shutting down), and a probe of a server that answers
    /// is one connection every few seconds at most.
    func run<T: Sendable>(timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try check()
        do {
            return try await withThrowingTaskGroup(of: T.self) { group in
                group.addTask { try await operation() }
                group.addTask { try await self.watch(timeout: timeout) }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch let error where !(error is StoreUnavailable) {
            suspect()
            throw error
        }
    }

    /// Returns never: throws once the server is found unreachable or `timeout` passes. Sleeps through the first
    /// `suspectAfter` (most calls are done by then), then looks every 100 ms, asking for a probe each time (one
    /// runs only when none ran for `minimumProbeSpacing`).
    private func watch(timeout: Duration) async throws -> Never {
        let started = ContinuousClock.now
        try await Task.sleep(for: min(Self.suspectAfter, timeout))
        while true {
            suspect()
            try check()
            if ContinuousClock.now - started >= timeout { throw StoreError("PostgreSQL at \(serverName) did not answer within \(timeout)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

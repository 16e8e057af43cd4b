import Logging
import NIOCore
import Synchronization

/// Bounds the number of open connections. Past the bound a newcomer is still accepted, and the connection
/// that has waited longest without a request in progress (one trickling its headers, or an idle keep-alive)
/// is closed to make room: slow clients holding every slot cannot keep a well-behaved one out, which a plain
/// "stop accepting" cap would let them do until the idle timeout. Connections whose request is being read
/// (bounded by the body timeout) or answered are never chosen; when every other one is busy, the newcomer
/// itself is closed.
final class ConnectionRegistry: Sendable {
    let maxConnections: Int
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var connections: [ObjectIdentifier: Entry] = [:]
        var evictions = 0
        var lastWarning: ContinuousClock.Instant?
    }

    private struct Entry {
        let channel: any Channel
        /// When it last had no request in progress; nil while a request is being read or answered.
        var waitingSince: ContinuousClock.Instant?
        var requestsInProgress = 0
    }

    init(maxConnections: Int, logger: Logger) {
        precondition(maxConnections > 0, "the connection limit must be positive")
        self.maxConnections = maxConnections
        self.logger = logger
    }

    /// Open connections, for tests and the log.
    var count: Int { state.withLock { $0.connections.count } }
    /// Connections closed to make room since start.
    var evictions: Int { state.withLock { $0.evictions } }

    /// Registers a new connection; past the limit, closes the longest-waiting one (possibly this one).
    func opened(_ channel: any Channel) {
        let now = ContinuousClock.now
        let (victim, warn): ((any Channel)?, Bool) = state.withLock { state in
            state.connections[ObjectIdentifier(channel)] = Entry(channel: channel, waitingSince: now)
            guard state.connections.count > maxConnections else { return (nil, false) }
            let oldest = state.connections
                .compactMap { key, entry in entry.waitingSince.map { (key, $0) } }
                .min { $0.1 < $1.1 }?.0
            guard let oldest, let entry = state.connections.removeValue(forKey: oldest) else { return (nil, false) }
            state.evictions += 1
            // One warning a minute at most: under attack this would otherwise flood the log.
            let warn = state.lastWarning.map { now - $0 > .seconds(60) } ?? true
            if warn { state.lastWarning = now }
            return (entry.channel, warn)
        }
        guard let victim else { return }
        if warn {
            logger.warning(
                "connection limit reached: closing the connections that have waited longest without a request",
                metadata: ["max_connections": "\(maxConnections)"])
        }
        victim.close(promise: nil)
    }

    /// A request head arrived: the connection is busy until its answer is written.
    func requestStarted(_ channel: any Channel) {
        state.withLock { state in
            state.connections[ObjectIdentifier(channel)]?.requestsInProgress += 1
            state.connections[ObjectIdentifier(channel)]?.waitingSince = nil
        }
    }

    /// An answer was written in full: with no other request in progress the connection waits again.
    func requestFinished(_ channel: any Channel) {
        let now = ContinuousClock.now
        state.withLock { state in
            guard var entry = state.connections[ObjectIdentifier(channel)] else { return }
            entry.requestsInProgress = max(entry.requestsInProgress - 1, 0)
            if entry.requestsInProgress == 0 { entry.waitingSince = now }
            state.connections[ObjectIdentifier(channel)] = entry
        }
    }

    func closed(_ channel: any Channel) {
        _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}

import Foundation

/// Whether the collector can take traffic now (`/readyz`): the store is writable and the ingest queue has
/// room. Cheap enough for a probe every second: two reads under locks and, only after a failed commit, one
/// `statvfs` of the database's directory. A store on a server (PostgreSQL) says instead whether it can reach
/// the server: a failed commit there says nothing about local disk, and the store notices by itself when the
/// server is back, with or without ingest to prove it.
struct Readiness: Sendable {
    let queue: IngestQueue
    let storeHealth: StoreHealth
    /// The directory holding the database file: its file system's free space is the probe.
    let databaseDirectory: String
    /// For a store on a server: why it cannot reach it now, nil while it can (see `StoreFactory.reachability`).
    var storeUnreachable: (@Sendable () -> String?)?

    init(queue: IngestQueue, storeHealth: StoreHealth, databasePath: String) {
        self.queue = queue
        self.storeHealth = storeHealth
        databaseDirectory = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
    }

    /// Space the file system must have free, at least, before a failed store counts as writable again.
    static let minimumFreeBytes = 1 << 20

    /// nil when ready; otherwise why not, in a sentence an operator can act on.
    func notReadyReason() -> String? {
        if let storeUnreachable {
            return storeUnreachable() ?? queueReason()
        }
        if let failure = storeHealth.failure {
            let needed = max(Self.minimumFreeBytes, 2 * failure.bytes)
            // Space may have returned (a file deleted, a volume grown) with nothing sent since to prove it.
            if let free = freeBytes(), free >= needed {
                return queueReason()
            }
            return "the store is not writable: the last commit failed (\(failure.message))"
                + (freeBytes().map { "; \($0) bytes free on the database's file system" } ?? "")
        }
        return queueReason()
    }

    private func queueReason() -> String? {
        let depth = queue.depth
        if depth.requests >= queue.maxItems || depth.bytes >= queue.maxBytes {
            return "the ingest queue is full: \(depth.requests) of \(queue.maxItems) requests, \(depth.bytes) of \(queue.maxBytes) bytes"
        }
        return nil
    }

    /// Bytes an unprivileged writer may still use on the database's file system.
    private func freeBytes() -> Int? {
        var stats = statvfs()
        guard statvfs(databaseDirectory, &stats) == 0 else { return nil }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }
}

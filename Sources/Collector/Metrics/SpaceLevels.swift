import Synchronization
import TraceStore

/// The store's space figures for `/metrics` (`tracetop_database_size_bytes`, `…_free_bytes`): the latest reading,
/// whoever took it — retention takes them as it works — and a new one only once that is `maxAge` old.
///
/// A reading is the store's `storageUsage`: on SQLite a read transaction of three PRAGMAs on a reader thread
/// (well under a millisecond; WAL readers never block the writer, and one this short does not hold a
/// checkpoint up — `tracetop-bench --only scrape` measures both), on PostgreSQL `pg_database_size`, which
/// lists the database's files. Cheap once, but not worth doing on every scrape when scrapes come every 100 ms
/// or from several Prometheus servers. The figures move slowly (retention keeps them in bounds over minutes),
/// so a reading a few seconds old means the same.
final class SpaceLevels: Sendable {
    /// Older readings are taken again: under Prometheus' usual 15 s, so each usual scrape gets a new one.
    static let maxAge: Duration = .seconds(5)

    private struct State {
        var usage: StorageUsage?
        var takenAt: ContinuousClock.Instant?
        /// A reading under way: scrapes meanwhile wait for it rather than each starting one.
        var reading: Task<StorageUsage?, Never>?
    }

    private let store: any StoreMaintenance
    private let state = Mutex(State())

    init(store: any StoreMaintenance) { self.store = store }

    /// A reading someone else took (retention), which saves the next scrape one.
    func record(_ usage: StorageUsage) {
        state.withLock { state in
            state.usage = usage
            state.takenAt = .now
        }
    }

    /// The latest reading if fresh enough, else a new one; nil when the store cannot say now (PostgreSQL down).
    func current() async -> StorageUsage? {
        enum Next { case fresh(StorageUsage), wait(Task<StorageUsage?, Never>) }
        let next = state.withLock { state -> Next in
            if let usage = state.usage, let takenAt = state.takenAt, ContinuousClock.now - takenAt < Self.maxAge { return .fresh(usage) }
            if let reading = state.reading { return .wait(reading) }
            let reading = Task { [store] in try? await store.storageUsage() }
            state.reading = reading
            return .wait(reading)
        }
        let reading: Task<StorageUsage?, Never>
        switch next {
        case .fresh(let usage): return usage
        case .wait(let task): reading = task
        }
        let usage = await reading.value
        state.withLock { state in
            if state.reading == reading { state.reading = nil }
            if let usage {
                state.usage = usage
                state.takenAt = .now
            }
        }
        return usage
    }
}

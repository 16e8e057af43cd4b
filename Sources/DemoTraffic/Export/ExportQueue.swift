/// Something an exporter queues, with the time it became exportable (a span's end, a log's time).
protocol Exportable: Sendable {
    var readyTime: UInt64 { get }
}

/// One service's batch processor, like the SDKs': items wait until they have happened, then leave in
/// batches of at most `maxBatch`, either when a full batch is ready or when the periodic timer fires.
/// Several traces share a batch, and a parent ending after a batch left arrives in a later one.
struct ExportQueue<Item: Exportable>: Sendable {
    let maxBatch: Int
    let delay: UInt64
    /// Bounded: past this the oldest ready items are exported regardless of the timer.
    let capacity: Int
    private var pending: [Item] = []
    private var nextTimer: UInt64?

    init(maxBatch: Int, delay: UInt64, capacity: Int = 4096) {
        precondition(maxBatch > 0 && capacity >= maxBatch, "an export queue needs 0 < maxBatch <= capacity")
        self.maxBatch = maxBatch
        self.delay = delay
        self.capacity = capacity
    }

    var isEmpty: Bool { pending.isEmpty }

    mutating func append(_ item: Item) { pending.append(item) }

    /// The batches to export at `now`.
    mutating func takeReady(now: UInt64) -> [[Item]] {
        let timer = nextTimer ?? (now &+ delay)
        nextTimer = timer
        let timerFired = now >= timer
        guard timerFired || pending.count >= maxBatch else { return [] }
        var ready: [Item] = []
        var held: [Item] = []
        for item in pending {
            if item.readyTime <= now { ready.append(item) } else { held.append(item) }
        }
        guard timerFired || ready.count >= maxBatch || pending.count >= capacity else { return [] }
        // The SDK queues items in the order they ended.
        ready.sort { $0.readyTime < $1.readyTime }
        var batches: [[Item]] = []
        var index = 0
        while index < ready.count {
            let end = min(index + maxBatch, ready.count)
            if end - index < maxBatch && !timerFired && pending.count < capacity { break }
            batches.append(Array(ready[index..<end]))
            index = end
        }
        pending = Array(ready[index...]) + held
        if timerFired { nextTimer = now &+ delay }
        return batches
    }

    /// Everything still queued (shutdown flush), oldest first.
    mutating func takeAll() -> [[Item]] {
        let all = pending.sorted { $0.readyTime < $1.readyTime }
        pending = []
        return stride(from: 0, to: all.count, by: maxBatch).map { Array(all[$0..<min($0 + maxBatch, all.count)]) }
    }
}

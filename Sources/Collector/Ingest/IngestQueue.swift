import Dispatch
import Synchronization
import TraceStore

/// The bounded hand-over between request handlers (which decode on every core) and the writer (one thread, or a few
/// when the store commits several transactions at once: see `SpanIngestStore.concurrentCommits`).
/// A request waits here until its batch is committed; when the queue is full it is refused at once.
final class IngestQueue: Sendable {
    struct Full: Error {}
    struct Closed: Error {}

    struct Item: Sendable {
        var batch: PreparedWrite
        var bytes: Int
        var continuation: CheckedContinuation<Void, any Error>
        var itemCount: Int { batch.batch.spans.count + batch.batch.logs.count }
    }

    private struct State {
        var items: [Item] = []
        var bytes = 0
        var closed = false
        /// Writers waiting on `wakeWriter` that no `submit` has signalled yet.
        var writersAsleep = 0
    }

    private let state = Mutex(State())
    /// Writer threads sleep on this while the queue is empty; each signal wakes one.
    private let wakeWriter = DispatchSemaphore(value: 0)
    let maxBytes: Int
    let maxItems: Int

    init(maxBytes: Int, maxItems: Int) {
        self.maxBytes = maxBytes
        self.maxItems = maxItems
    }

    /// Returns once the batch is committed. Throws `Full` when the queue is at its bounds, `Closed` during
    /// shutdown, or the store's error when the commit failed.
    func submit(_ batch: PreparedWrite, bytes: Int) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = state.withLock { state -> Result<Bool, any Error> in
                if state.closed { return .failure(Closed()) }
                // A single request larger than the byte bound is still taken when nothing else waits,
                // so every request within the body limit can get in.
                let overBytes = state.bytes + bytes > maxBytes && !state.items.isEmpty
                if overBytes || state.items.count >= maxItems { return .failure(Full()) }
                state.items.append(Item(batch: batch, bytes: bytes, continuation: continuation))
                state.bytes += bytes
                guard state.writersAsleep > 0 else { return .success(false) }
                state.writersAsleep -= 1
                return .success(true)
            }
            switch outcome {
            case .failure(let error): continuation.resume(throwing: error)
            case .success(let writerWasAsleep): if writerWasAsleep { wakeWriter.signal() }
            }
        }
    }

    /// A writer's side, on the writer's own thread: blocks until there is work and takes up to `maxItems`
    /// spans and logs' worth of requests (always at least one request). Returns nil once closed and drained.
    func take(upTo maxBatchItems: Int) -> [Item]? {
        while true {
            enum Step { case items([Item]), finished, wait }
            let step = state.withLock { state -> Step in
                if state.items.isEmpty {
                    if state.closed { return .finished }
                    state.writersAsleep += 1
                    return .wait
                }
                var taken = 0
                var count = 0
                while count < state.items.count && (count == 0 || taken + state.items[count].itemCount <= maxBatchItems) {
                    taken += state.items[count].itemCount
                    count += 1
                }
                let items = Array(state.items.prefix(count))
                state.items.removeFirst(count)
                state.bytes -= items.reduce(0) { $0 + $1.bytes }
                return .items(items)
            }
            switch step {
            case .items(let items): return items
            case .finished: return nil
            case .wait: wakeWriter.wait()
            }
        }
    }

    /// Stops accepting; what is queued is still handed to the writers.
    func close() {
        let asleep = state.withLock { state -> Int in
            state.closed = true
            defer { state.writersAsleep = 0 }
            return state.writersAsleep
        }
        for _ in 0..<asleep { wakeWriter.signal() }
    }

    var depth: (requests: Int, bytes: Int) { state.withLock { ($0.items.count, $0.bytes) } }
}

import Synchronization
import TraceStore

/// The bounded hand-over between request handlers (which decode on every core) and the one writer.
/// A request waits here until its batch is committed; when the queue is full it is refused at once.
final class IngestQueue: Sendable {
    struct Full: Error {}
    struct Closed: Error {}

    struct Item: Sendable {
        var batch: WriteBatch
        var bytes: Int
        var continuation: CheckedContinuation<Void, any Error>
        var itemCount: Int { batch.spans.count + batch.logs.count }
    }

    private struct State {
        var items: [Item] = []
        var bytes = 0
        var closed = false
        var waitingWriter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    let maxBytes: Int
    let maxItems: Int

    init(maxBytes: Int, maxItems: Int) {
        self.maxBytes = maxBytes
        self.maxItems = maxItems
    }

    /// Returns once the batch is committed. Throws `Full` when the queue is at its bounds, `Closed` during
    /// shutdown, or the store's error when the commit failed.
    func submit(_ batch: WriteBatch, bytes: Int) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = state.withLock { state -> Result<CheckedContinuation<Void, Never>?, any Error> in
                if state.closed { return .failure(Closed()) }
                // A single request larger than the byte bound is still taken when nothing else waits,
                // so every request within the body limit can get in.
                let overBytes = state.bytes + bytes > maxBytes && !state.items.isEmpty
                if overBytes || state.items.count >= maxItems { return .failure(Full()) }
                state.items.append(Item(batch: batch, bytes: bytes, continuation: continuation))
                state.bytes += bytes
                defer { state.waitingWriter = nil }
                return .success(state.waitingWriter)
            }
            switch outcome {
            case .failure(let error): continuation.resume(throwing: error)
            case .success(let writer): writer?.resume()
            }
        }
    }

    /// The writer's side: waits for work and takes up to `maxItems` spans and logs' worth of requests
    /// (always at least one request). Returns nil once closed and drained.
    func take(upTo maxBatchItems: Int) async -> [Item]? {
        while true {
            enum Step { case items([Item]), finished, wait }
            let step = state.withLock { state -> Step in
                if state.items.isEmpty { return state.closed ? .finished : .wait }
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
            case .wait:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { state -> Bool in
                        if !state.items.isEmpty || state.closed { return true }
                        state.waitingWriter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
        }
    }

    /// Stops accepting; what is queued is still handed to the writer.
    func close() {
        let writer = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.closed = true
            defer { state.waitingWriter = nil }
            return state.waitingWriter
        }
        writer?.resume()
    }

    var depth: (requests: Int, bytes: Int) { state.withLock { ($0.items.count, $0.bytes) } }
}

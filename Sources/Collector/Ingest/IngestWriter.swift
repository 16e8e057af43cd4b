import Foundation
import Logging
import ServiceLifecycle
import TraceStore

/// The writer: takes whatever requests are waiting, commits them in one transaction (group commit), then answers
/// all of them. On graceful shutdown it stops the queue and commits what was accepted.
///
/// It runs on a thread of its own, not in Swift's cooperative pool: that pool has one thread per core, and
/// the request handlers keep them busy decoding, so a writer task waited there for a free thread before every
/// commit and after it, idling the one part that cannot run on both cores. A store that commits several
/// transactions at once (`SpanIngestStore.concurrentCommits`: a database server, where a commit mostly waits for
/// the server and its disk) gets that many threads, each taking its own group; SQLite gets one.
struct IngestWriter: Service {
    let queue: IngestQueue
    let store: any SpanIngestStore
    let maxBatchItems: Int
    let logger: Logger
    var observer: CommitObserver?

    func run() async throws {
        // Graceful shutdown and cancellation both close the queue; what was accepted is still committed.
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                    let running = DispatchGroup()
                    for index in 0..<max(1, store.concurrentCommits) {
                        running.enter()
                        let thread = Thread { [self] in
                            while let items = queue.take(upTo: maxBatchItems) {
                                commit(items)
                                FreedElsewhere.free(consume items)
                            }
                            running.leave()
                        }
                        thread.name = index == 0 ? "tracetop-writer" : "tracetop-writer-\(index + 1)"
                        thread.start()
                    }
                    running.notify(queue: .global()) { finished.resume() }
                }
            } onGracefulShutdown: {
                queue.close()
            }
        } onCancel: {
            queue.close()
        }
        logger.info("ingest writer stopped; every accepted request is committed")
    }

    private func commit(_ items: [IngestQueue.Item]) {
        let started = ContinuousClock.now
        do {
            try store.writeBlocking(items.map(\.batch))
            observer?.committed(items, duration: .now - started)
            for item in items { item.continuation.resume() }
        } catch let error as StoreUnavailable {
            // The store's server is gone (it logged that once): every request would fail alike, so none is tried
            // again alone; each gets its 503 + Retry-After now.
            observer?.groupFailed()
            for item in items {
                observer?.failed(item, error)
                item.continuation.resume(throwing: error)
            }
        } catch {
            observer?.groupFailed()
            // One bad request must not fail its neighbours: retry each on its own.
            logger.error("group commit failed; retrying requests one by one", metadata: ["error": "\(error)", "requests": "\(items.count)"])
            for item in items {
                let started = ContinuousClock.now
                do {
                    try store.writeBlocking([item.batch])
                    observer?.committed([item], duration: .now - started)
                    item.continuation.resume()
                } catch {
                    observer?.failed(item, error)
                    item.continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// Hands a value's last reference to another thread. The writer is the collector's bottleneck, and taking
/// apart a group commit's decoded requests (thousands of spans' strings and arrays) cost it ~8 % of its time;
/// the request handlers' threads have time to spare.
private final class FreedElsewhere<Value>: @unchecked Sendable {
    // Unchecked: only the thread the value was handed to touches it after `free` returns.
    private var value: Value?

    private init(_ value: consuming Value) { self.value = consume value }

    static func free(_ value: consuming Value) {
        let box = FreedElsewhere(consume value)
        DispatchQueue.global().async { box.value = nil }
    }
}

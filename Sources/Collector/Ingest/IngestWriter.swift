import Foundation
import Logging
import ServiceLifecycle
import TraceStore

/// The one writer: takes whatever requests are waiting, commits them in one transaction (group commit),
/// then answers all of them. On graceful shutdown it stops the queue and commits what was accepted.
///
/// It runs on a thread of its own, not in Swift's cooperative pool: that pool has one thread per core, and
/// the request handlers keep them busy decoding, so a writer task waited there for a free thread before every
/// commit and after it, idling the one part that cannot run on both cores.
struct IngestWriter: Service {
    let queue: IngestQueue
    let store: any TraceStore
    let maxBatchItems: Int
    let logger: Logger

    func run() async throws {
        // Graceful shutdown and cancellation both close the queue; what was accepted is still committed.
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                    let thread = Thread { [self] in
                        while let items = queue.take(upTo: maxBatchItems) { commit(items) }
                        finished.resume()
                    }
                    thread.name = "tracetop-writer"
                    thread.start()
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
        var batch = WriteBatch()
        for item in items { batch.append(contentsOf: item.batch) }
        do {
            try store.writeBlocking(batch)
            for item in items { item.continuation.resume() }
        } catch {
            // One bad request must not fail its neighbours: retry each on its own.
            logger.error("group commit failed; retrying requests one by one", metadata: ["error": "\(error)", "requests": "\(items.count)"])
            for item in items {
                do {
                    try store.writeBlocking(item.batch)
                    item.continuation.resume()
                } catch {
                    item.continuation.resume(throwing: error)
                }
            }
        }
    }
}

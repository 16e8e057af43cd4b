import Logging
import ServiceLifecycle
import TraceStore

/// The one writer: takes whatever requests are waiting, commits them in one transaction (group commit),
/// then answers all of them. On graceful shutdown it stops the queue and commits what was accepted.
struct IngestWriter: Service {
    let queue: IngestQueue
    let store: any TraceStore
    let maxBatchItems: Int
    let logger: Logger

    func run() async throws {
        // Graceful shutdown and cancellation both close the queue; what was accepted is still committed.
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                while let items = await queue.take(upTo: maxBatchItems) {
                    await commit(items)
                }
            } onGracefulShutdown: {
                queue.close()
            }
        } onCancel: {
            queue.close()
        }
        logger.info("ingest writer stopped; every accepted request is committed")
    }

    private func commit(_ items: [IngestQueue.Item]) async {
        var batch = WriteBatch()
        for item in items { batch.append(contentsOf: item.batch) }
        do {
            try await store.write(batch)
            for item in items { item.continuation.resume() }
        } catch {
            // One bad request must not fail its neighbours: retry each on its own.
            logger.error("group commit failed; retrying requests one by one", metadata: ["error": "\(error)", "requests": "\(items.count)"])
            for item in items {
                do {
                    try await store.write(item.batch)
                    item.continuation.resume()
                } catch {
                    item.continuation.resume(throwing: error)
                }
            }
        }
    }
}

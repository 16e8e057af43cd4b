/// What the writer tells the rest of the collector after each commit: the metrics, and the store's health
/// (which `/readyz` reads).
struct CommitObserver: Sendable {
    let health: StoreHealth
    let metrics: CommitMetrics

    func committed(_ items: [IngestQueue.Item], duration: Duration) {
        health.committed()
        metrics.committed(requests: items.count, items: items.reduce(0) { $0 + $1.itemCount }, duration: duration)
    }

    func groupFailed() { metrics.failed() }

    func failed(_ item: IngestQueue.Item, _ error: any Error) { health.failed(error, bytes: item.bytes) }
}

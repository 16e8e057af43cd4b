import Prometheus

/// The writer's group commits: how long each took, how much it carried, how many failed.
struct CommitMetrics: Sendable {
    private let duration: DurationHistogram
    private let items: ValueHistogram
    private let requests: ValueHistogram
    private let failures: Counter

    init(registry: PrometheusCollectorRegistry) {
        duration = registry.makeDurationHistogram(
            descriptor: CollectorMetrics.name("commit_duration", unit: "seconds", help: "Time one group commit took, writing included."),
            buckets: CollectorMetrics.durationBuckets)
        items = registry.makeValueHistogram(
            descriptor: CollectorMetrics.name("commit_batch_items", unit: "", help: "Spans plus log records per group commit."),
            buckets: [1, 10, 100, 1_000, 2_500, 5_000, 10_000, 20_000, 50_000])
        requests = registry.makeValueHistogram(
            descriptor: CollectorMetrics.name("commit_batch_requests", unit: "", help: "Requests per group commit."),
            buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512])
        failures = registry.makeCounter(
            descriptor: CollectorMetrics.name(
                "commit_failures", unit: "total", help: "Group commits the store refused (each request is then retried alone)."))
    }

    func committed(requests requestCount: Int, items itemCount: Int, duration elapsed: Duration) {
        duration.record(elapsed)
        items.record(Double(itemCount))
        requests.record(Double(requestCount))
    }

    func failed() { failures.increment() }
}

/// Retention's deletions.
struct RetentionMetrics: Sendable {
    private let rows: Counter
    private let bytes: Counter

    init(registry: PrometheusCollectorRegistry) {
        rows = registry.makeCounter(
            descriptor: CollectorMetrics.name("retention_deleted_rows", unit: "total", help: "Traces and log records retention deleted."))
        bytes = registry.makeCounter(
            descriptor: CollectorMetrics.name(
                "retention_deleted", unit: "bytes_total", help: "Bytes of data retention deleted (as stored, before pages are freed)."))
    }

    func deleted(rows deletedRows: Int, bytes deletedBytes: Int) {
        rows.increment(by: Int64(deletedRows))
        bytes.increment(by: Int64(deletedBytes))
    }
}

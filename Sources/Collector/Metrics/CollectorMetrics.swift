import Prometheus

/// The collector's own metrics, served at `/metrics` (docs/API.md lists them). Each collector owns its
/// registry — tests run several collectors in one process — and the executable also makes it swift-metrics'
/// process-wide backend, so metrics that libraries report through swift-metrics appear beside ours.
///
/// Names follow Prometheus' conventions: the `tracetop_` prefix, base units (`_seconds`, `_bytes`),
/// counters ending `_total`. Label values come from a closed set (transports, reasons, routes the router
/// knows), never from what a client sends, so the number of series is bounded.
package final class CollectorMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry
    let ingest: IngestMetrics
    let commits: CommitMetrics
    let requests: RequestMetrics
    let retention: RetentionMetrics

    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        ingest = IngestMetrics(registry: registry)
        commits = CommitMetrics(registry: registry)
        requests = RequestMetrics(registry: registry)
        retention = RetentionMetrics(registry: registry)
    }

    /// Every metric in Prometheus' text format, as `/metrics` serves it.
    package func exposition() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 << 10)
        registry.emit(into: &bytes)
        return bytes
    }

    /// Seconds from 1 ms to 10 s: request handling and commits both live in this range.
    static let durationBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10)
    ]

    static func name(_ metricName: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tracetop", metricName: metricName, unitName: unit, helpText: help)
    }
}

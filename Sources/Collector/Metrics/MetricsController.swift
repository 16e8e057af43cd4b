import Hummingbird
import NIOCore
import Prometheus
import TraceStore

/// `GET /metrics`: Prometheus' text format. Levels (queue depth, database size) are read when scraped, so the
/// hot paths only ever add to counters and histograms; the database's size comes from `SpaceLevels`, at most a
/// few seconds old, so however often Prometheus scrapes, the store is read once in a while.
struct MetricsController: Sendable {
    let metrics: CollectorMetrics
    let queue: IngestQueue
    let spaceLevels: SpaceLevels

    /// Prometheus 3 refuses a scrape without a Content-Type it can parse.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/metrics") { _, _ in
            await updateLevels()
            return Response(
                status: .ok, headers: [.contentType: Self.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
    }

    private func updateLevels() async {
        let registry = metrics.registry
        let depth = queue.depth
        registry.makeGauge(
            descriptor: CollectorMetrics.name("ingest_queue", unit: "bytes", help: "Bytes of requests waiting for the writer.")
        )
        .set(Int64(depth.bytes))
        registry.makeGauge(descriptor: CollectorMetrics.name("ingest_queue_requests", unit: "", help: "Requests waiting for the writer."))
            .set(Int64(depth.requests))
        registry.makeGauge(
            descriptor: CollectorMetrics.name(
                "ingest_queue_limit", unit: "bytes", help: "Bytes the ingest queue holds before requests get 503.")
        )
        .set(Int64(queue.maxBytes))
        registry.makeGauge(
            descriptor: CollectorMetrics.name(
                "ingest_queue_limit_requests", unit: "", help: "Requests the ingest queue holds before requests get 503.")
        )
        .set(Int64(queue.maxItems))
        if let usage = await spaceLevels.current() {
            registry.makeGauge(
                descriptor: CollectorMetrics.name("database_size", unit: "bytes", help: "Size of the database file (free pages included).")
            )
            .set(Int64(usage.allocatedBytes))
            registry.makeGauge(
                descriptor: CollectorMetrics.name(
                    "database_free", unit: "bytes", help: "Free pages inside the database file, reused before it grows.")
            )
            .set(Int64(usage.reclaimableBytes))
        }
    }
}

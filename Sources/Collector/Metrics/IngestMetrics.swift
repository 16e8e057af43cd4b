import Hummingbird
import Prometheus

/// Spans and log records accepted and refused, per transport and reason, like the OpenTelemetry Collector's
/// `otelcol_receiver_accepted_spans` / `…_refused_spans`. Every ingest path (OTLP/HTTP, and any transport
/// added later) reports through these few calls, with its own `transport` label value.
struct IngestMetrics: Sendable {
    /// Why data was refused: a closed set, so the label stays small.
    enum Reason: String, Sendable {
        /// Could not be decoded, or failed validation (a 400, or spans rejected in a partial success).
        case invalid
        /// Over the body limit (413).
        case tooLarge = "too_large"
        case unsupportedMediaType = "unsupported_media_type"
        /// The queue or the in-flight budget was full (503 + Retry-After).
        case overloaded
        /// The commit failed (a full disk, an I/O error).
        case storageFailed = "storage_failed"
        /// The body did not arrive in time (408).
        case timeout
        case other

        init(_ error: IngestError) {
            switch error.status.code {
            case 400: self = .invalid
            case 408: self = .timeout
            case 413: self = .tooLarge
            case 415: self = .unsupportedMediaType
            case 429: self = .overloaded
            case 503: self = error.message.hasPrefix("storage") ? .storageFailed : .overloaded
            default: self = .other
            }
        }
    }

    let registry: PrometheusCollectorRegistry

    // Computed: swift-prometheus' descriptor is not Sendable, so it cannot be a stored static.
    private static var acceptedSpans: MetricNameDescriptor {
        CollectorMetrics.name("accepted_spans", unit: "total", help: "Spans stored, by transport.")
    }
    private static var refusedSpans: MetricNameDescriptor {
        CollectorMetrics.name("refused_spans", unit: "total", help: "Spans refused, by transport and reason.")
    }
    private static var acceptedLogs: MetricNameDescriptor {
        CollectorMetrics.name("accepted_log_records", unit: "total", help: "Log records stored, by transport.")
    }
    private static var refusedLogs: MetricNameDescriptor {
        CollectorMetrics.name("refused_log_records", unit: "total", help: "Log records refused, by transport and reason.")
    }
    private static var requests: MetricNameDescriptor {
        CollectorMetrics.name(
            "ingest_requests", unit: "total", help: "Ingest requests by transport and result: accepted, or the reason they were refused.")
    }

    /// Registers a transport's accepted counters at 0, so they are scraped (and rates work) before its first request.
    func announce(transport: String) {
        count(Self.acceptedSpans, 0, [("transport", transport)])
        count(Self.acceptedLogs, 0, [("transport", transport)])
    }

    /// A request whose data was committed. `spans`/`logRecords` count what was stored (rejected items go to `refused`).
    func accepted(spans: Int, logRecords: Int = 0, transport: String) {
        count(Self.acceptedSpans, spans, [("transport", transport)])
        count(Self.acceptedLogs, logRecords, [("transport", transport)])
        count(Self.requests, 1, [("transport", transport), ("result", "accepted")])
    }

    /// Items refused inside a request that was otherwise answered (a partial success): the request is not counted again.
    func rejected(spans: Int, logRecords: Int = 0, transport: String, reason: Reason = .invalid) {
        let labels = [("transport", transport), ("reason", reason.rawValue)]
        count(Self.refusedSpans, spans, labels)
        count(Self.refusedLogs, logRecords, labels)
    }

    /// A whole request refused. The items are counted when they were decoded before the refusal (0 otherwise:
    /// a body that cannot be read has no countable spans, and shows in `tracetop_ingest_requests_total`).
    func refused(spans: Int = 0, logRecords: Int = 0, transport: String, reason: Reason) {
        rejected(spans: spans, logRecords: logRecords, transport: transport, reason: reason)
        count(Self.requests, 1, [("transport", transport), ("result", reason.rawValue)])
    }

    func refused(spans: Int = 0, logRecords: Int = 0, transport: String, error: IngestError) {
        refused(spans: spans, logRecords: logRecords, transport: transport, reason: Reason(error))
    }

    private func count(_ name: MetricNameDescriptor, _ amount: Int, _ labels: [(String, String)]) {
        // Registered even at 0, so a series exists (reads 0) from the first request on.
        registry.makeCounter(descriptor: name, labels: labels).increment(by: Int64(amount))
    }
}

/// Every query-string parameter of tracetop's own query API (`/api/…`, docs/API.md), spelled once: the collector
/// reads them by these names and tracetop sends them by these names.
package enum QueryParameter: String, CaseIterable, Hashable, Sendable {
    case service, operation, spanKind
    /// Jaeger's tag filters: `tags={"k":"v"}` and repeated `tag=k:v`.
    case tags, tag
    case minDuration, maxDuration, durationScope
    /// Microseconds since the epoch.
    case start, end
    /// A duration back from `end` (or, for `/api/dependencies`, milliseconds as Jaeger takes them).
    case lookback
    case limit, sort, error, correlationId
    /// `/api/traces/{traceID}`: `jaeger` (the default) or `otlp`.
    case format
    /// `/api/latency`: a series of figures per step.
    case step
    case traceID, spanID, minSeverity, q
    /// `/api/dependencies`: milliseconds since the epoch, as Jaeger takes it.
    case endTs

    package var name: String { rawValue }
}

/// The answer formats of `GET /api/traces/{traceID}` (`format=`).
package enum TraceFormat: String, CaseIterable, Hashable, Sendable {
    /// Jaeger's JSON, for Jaeger's UI and Grafana.
    case jaeger
    /// OTLP JSON, one `ExportTraceServiceRequest` (what tracetop reads).
    case otlp
}

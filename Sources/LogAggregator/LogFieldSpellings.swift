/// The spellings of the fields a structured log line may carry, each list in priority order: when a line has two
/// spellings of one field, the earlier one is read and the other is kept as an attribute.
///
/// A dotted spelling also matches the nested form (`{"log":{"level":"info"}}` for `log.level`), which is how
/// Elastic Common Schema loggers write it.
enum LogFieldSpellings {
    static let time = ["timestamp", "time", "ts", "@timestamp"]
    static let level = ["level", "severity", "lvl", "log.level"]
    static let message = ["message", "msg", "body"]
    static let service = ["service", "service.name", "app"]
    static let traceID = ["trace_id", "traceId", "trace.id"]
    static let spanID = ["span_id", "spanId", "span.id"]
    static let traceParent = ["traceparent"]
    /// Correlation ids need no reading here: they stay attributes under their own key, where `CorrelationKeys`
    /// (whose default list holds all of these) finds them.
    static let correlation = ["correlation_id", "correlationId", "x-correlation-id", "request_id", "x-request-id"]
}

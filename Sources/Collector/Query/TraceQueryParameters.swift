import TraceModel
import TraceStore
import TracetopAPI

/// The trace-search parameters shared by `/api/traces` and `/api/trace-summaries`.
enum TraceQueryParameters {
    static func query(_ parameters: QueryParameters) throws(QueryParameterError) -> TraceQuery {
        let window = try parameters.window()
        let scope = try durationScope(parameters)
        let minDuration = try parameters.duration(.minDuration)
        let maxDuration = try parameters.duration(.maxDuration)
        if let minDuration, let maxDuration, minDuration > maxDuration {
            throw QueryParameterError(message: "minDuration: must not be larger than maxDuration")
        }
        return TraceQuery(
            service: parameters.string(.service), operation: parameters.string(.operation), tags: try parameters.tags(),
            minDurationNanos: minDuration, maxDurationNanos: maxDuration, durationScope: scope,
            startFromNanos: window.from, startToNanos: window.to, errorsOnly: try parameters.bool(.error) ?? false,
            correlationID: parameters.string(.correlationId), sort: try parameters.oneOf(.sort, TraceQuery.Sort.self) ?? .recent,
            limit: try parameters.int(.limit, default: 20, range: 1...1000))
    }

    /// Whether duration bounds apply to the trace (ours, the default) or to any one span (Jaeger's rule).
    static func durationScope(_ parameters: QueryParameters) throws(QueryParameterError) -> TraceQuery.DurationScope {
        switch parameters.string(.durationScope) ?? "trace" {
        case "trace": return .trace
        case "span": return .span
        case let other: throw QueryParameterError(message: "durationScope: '\(other)' is not accepted; use trace or span")
        }
    }
}

enum LogQueryParameters {
    static func query(_ parameters: QueryParameters) throws(QueryParameterError) -> LogQuery {
        var traceID: TraceID?
        if let text = parameters.string(.traceID) {
            guard let id = TraceID(queryText: text) else {
                throw QueryParameterError(message: "traceID: '\(text)' is not a trace id; give up to 32 hex digits")
            }
            traceID = id
        }
        var spanID: SpanID?
        if let text = parameters.string(.spanID) {
            guard let id = SpanID(hex: text) else {
                throw QueryParameterError(message: "spanID: '\(text)' is not a span id; give 16 hex digits")
            }
            spanID = id
        }
        return LogQuery(
            traceID: traceID, spanID: spanID, correlationID: parameters.string(.correlationId), service: parameters.string(.service),
            minSeverity: try severity(parameters), text: parameters.string(.q),
            fromNanos: try parameters.timestamp(.start), toNanos: try parameters.timestamp(.end),
            limit: try parameters.int(.limit, default: 100, range: 1...5000))
    }

    /// A severity number 1–24 or a name (`trace`, `debug`, `info`, `warn`, `error`, `fatal`).
    private static func severity(_ parameters: QueryParameters) throws(QueryParameterError) -> Int32? {
        guard let text = parameters.string(.minSeverity) else { return nil }
        guard let number = Severity.threshold(text) else {
            throw QueryParameterError(
                message: "minSeverity: '\(text)' is not a severity; use 1–24 or trace, debug, info, warn, error, fatal")
        }
        return number
    }
}

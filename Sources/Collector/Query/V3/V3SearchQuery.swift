import TraceStore

/// `query.*` of `GET /api/v3/traces` and `/api/v3/trace-summaries`, turned into the store's trace search.
/// Durations bound the trace's duration (ours, as in v1) unless `durationScope=span` asks for Jaeger's per-span rule.
enum V3SearchQuery {
    /// Jaeger's default when `query.searchDepth` is absent.
    static let defaultSearchDepth = 100

    static func query(_ parameters: QueryParameters) throws(QueryParameterError) -> TraceQuery {
        let v3 = V3Parameters(parameters: parameters)
        if parameters.string("query.filter") != nil {
            throw V3Parameters.malformed("query.filter", "expression filters are not supported here; use query.attributes")
        }
        guard let from = try v3.time("query.startTimeMin", "query.start_time_min"),
            let to = try v3.time("query.startTimeMax", "query.start_time_max")
        else { throw QueryParameterError(message: "query.startTimeMin and query.startTimeMax are required") }
        guard from < to else { throw QueryParameterError(message: "query.startTimeMin must be before query.startTimeMax") }
        let minDuration = try v3.duration("query.durationMin", "query.duration_min")
        let maxDuration = try v3.duration("query.durationMax", "query.duration_max")
        if let minDuration, let maxDuration, minDuration > maxDuration {
            throw QueryParameterError(message: "query.durationMin must not be larger than query.durationMax")
        }
        // Raw traces skip Jaeger's adjusters (clock skew and the like); spans are stored as received, so both read the same.
        _ = try v3.bool("query.rawTraces", "query.raw_traces")
        return TraceQuery(
            service: v3.value("query.serviceName", "query.service_name")?.text,
            // Jaeger's UI (2.19+) names the operation `query.span_name`; Jaeger's own gateway reads `operation_name`.
            operation: (v3.value("query.operationName", "query.operation_name") ?? v3.value("query.spanName", "query.span_name"))?.text,
            tags: try v3.attributes(), minDurationNanos: minDuration, maxDurationNanos: maxDuration,
            durationScope: try TraceQueryParameters.durationScope(parameters),
            startFromNanos: from, startToNanos: to, limit: try searchDepth(v3))
    }

    /// `query.searchDepth`, `query.search_depth` or (older) `query.num_traces`: how many traces at most.
    private static func searchDepth(_ v3: V3Parameters) throws(QueryParameterError) -> Int {
        guard let (text, name) = v3.value("query.searchDepth", "query.search_depth") ?? v3.value("query.num_traces", "query.num_traces")
        else {
            return defaultSearchDepth
        }
        guard let depth = Int(text), (1...1000).contains(depth) else {
            throw V3Parameters.malformed(name, "'\(text)' is not a whole number from 1 to 1000")
        }
        return depth
    }
}

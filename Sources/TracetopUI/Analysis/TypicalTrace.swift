import TracetopAPI

/// Finding an operation's typical trace: the trace with the same root service and operation, in the
/// lookback, whose duration is nearest the operation's p50 (from `/api/latency`). The candidates come from
/// `/api/trace-summaries` filtered to that service and operation and to durations around the p50; the
/// service/operation filter matches any span, so candidates are checked to have it at the root.
package enum TypicalTrace {
    /// The root operation's p50; when it has several span kinds, the busiest row's.
    package static func p50(_ rows: [LatencyRow], service: String, operation: String) -> Int64? {
        rows.filter { $0.service == service && $0.operation == operation }.max { $0.count < $1.count }?.p50
    }

    /// Traces of that operation lasting between half and twice the p50.
    package static func query(service: String, operation: String, p50: Int64, lookback: Lookback) -> TraceListQuery {
        var filter = TraceFilter()
        filter.service = service
        filter.operation = operation
        filter.minDuration = p50 / 2
        filter.maxDuration = max(p50 * 2, p50 + 1)
        return TraceListQuery(filter: filter, lookback: lookback, sort: .duration, limit: 200)
    }

    package static func nearest(_ summaries: [TraceSummaryRow], service: String, operation: String, p50: Int64, excluding traceID: String)
        -> TraceSummaryRow?
    {
        summaries.filter { $0.rootService == service && $0.rootOperation == operation && $0.traceID != traceID }
            .min { (abs($0.duration - p50), $0.traceID) < (abs($1.duration - p50), $1.traceID) }
    }
}

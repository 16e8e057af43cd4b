import TraceModel
import TraceStore
import TracetopAPI

// The store's answers as the query API's shapes, which TracetopAPI writes (and tracetop reads).

extension TraceSummaryRow {
    init(_ summary: TraceSummary) {
        self.init(
            traceID: summary.traceID.hex, rootService: summary.rootService, rootOperation: summary.rootOperation,
            startTime: Micros.from(nanos: summary.startTimeUnixNano), duration: Micros.from(nanos: summary.durationNanos),
            spanCount: summary.spanCount, errorCount: summary.errorCount, services: summary.services, correlationIds: summary.correlationIDs
        )
    }
}

extension LogLine {
    init(_ log: StoredLog) {
        let entry = log.entry
        let record = entry.record
        self.init(
            timestamp: Micros.from(nanos: entry.timeUnixNano), timeUnixNano: entry.timeUnixNano, service: entry.serviceName,
            severityNumber: record.severityNumber,
            severityText: record.severityText.isEmpty ? Severity.name(of: record.severityNumber) : record.severityText,
            body: record.body.stringValue ?? Tag.jsonText(record.body), traceID: record.traceID?.hex ?? "",
            spanID: record.spanID?.hex ?? "",
            correlationIds: entry.correlationIDs, eventName: record.eventName, attributes: record.attributes.map(Tag.init))
    }
}

extension LatencyRow {
    /// `windowSeconds`: the query's window, for the rate; `withSeries`: the query asked for a step.
    init(_ latency: OperationLatency, windowSeconds: Double, withSeries: Bool) {
        let figures = latency.figures
        self.init(
            service: latency.operation.service, operation: latency.operation.name, spanKind: latency.operation.kind.shortName,
            count: figures.count, ratePerSecond: windowSeconds > 0 ? Double(figures.count) / windowSeconds : 0,
            errorCount: figures.errorCount, errorRate: figures.errorRate, p50: Int64(clamping: figures.p50),
            p75: Int64(clamping: figures.p75),
            p90: Int64(clamping: figures.p90), p95: Int64(clamping: figures.p95), p99: Int64(clamping: figures.p99),
            max: Int64(clamping: figures.max),
            series: withSeries
                ? latency.series.map { bucket in
                    let figures = bucket.figures
                    return Bucket(
                        start: Micros.from(nanos: bucket.startNanos), count: figures.count, errorCount: figures.errorCount,
                        errorRate: figures.errorRate, p50: Int64(clamping: figures.p50), p75: Int64(clamping: figures.p75),
                        p90: Int64(clamping: figures.p90), p95: Int64(clamping: figures.p95), p99: Int64(clamping: figures.p99),
                        max: Int64(clamping: figures.max))
                } : nil)
    }
}

extension LatencyFigures {
    fileprivate var errorRate: Double { count > 0 ? Double(errorCount) / Double(count) : 0 }
}

extension OperationHistogram {
    /// No latency (nothing matched) is an empty histogram of the operation asked for.
    init(_ latency: OperationLatency?, service: String, operation: String) {
        self.init(
            service: service, operation: operation, count: latency?.figures.count ?? 0,
            buckets: (latency?.histogram ?? []).map { Bucket(le: Int64(clamping: $0.upperBoundMicros), count: $0.count) })
    }
}

extension DependencyEdge {
    init(_ link: DependencyLink) {
        self.init(parent: link.parent, child: link.child, callCount: link.callCount, errorCount: link.errorCount)
    }
}

import TracetopAPI

extension OfflineTraces {
    static func summary(_ trace: TraceDetail) -> TraceSummaryRow {
        let tree = TraceTree(trace)
        let root = tree.roots.first.flatMap { tree.isOrphan[$0] ? nil : $0 }
        return TraceSummaryRow(
            traceID: trace.traceID, rootService: root.map { tree.serviceNames[$0] } ?? "",
            rootOperation: root.map { tree.spans[$0].operationName } ?? "", startTime: tree.startTime,
            duration: tree.endTime - tree.startTime, spanCount: tree.count, errorCount: tree.errorCount,
            services: Array(Set(tree.serviceNames)).sorted())
    }

    /// The collector's filters (a span with the service and operation and tags; the trace's duration), its
    /// sorts and its limit; the lookback is ignored.
    func summaries(_ query: TraceListQuery) -> [TraceSummaryRow] {
        let filter = query.filter
        var result = summaries.filter { summary in
            if let min = filter.minDuration, summary.duration < min { return false }
            if let max = filter.maxDuration, summary.duration > max { return false }
            if filter.errorsOnly, summary.errorCount == 0 { return false }
            if filter.correlationId != nil { return false }
            guard filter.service != nil || filter.operation != nil || !filter.tags.isEmpty, let trace = traces[summary.traceID] else {
                return true
            }
            return trace.spans.contains { span in
                (filter.service.map { trace.processes[span.processID]?.serviceName == $0 } ?? true)
                    && (filter.operation.map { span.operationName == $0 } ?? true)
                    && filter.tags.allSatisfy { key, value in span.tags.contains { $0.key == key && $0.text == value } }
            }
        }
        result = TraceListPage.sorted(result, by: query.sort, descending: true)
        return Array(result.prefix(query.limit))
    }

    /// p50/p95/p99 per (service, operation) from the spans' durations (nearest rank), rates over the file's span of time.
    static func latency(_ traces: some Collection<TraceDetail>) -> ([LatencyRow], [String: [Int64]]) {
        var durations: [String: [Int64]] = [:], errors: [String: Int] = [:]
        var first = Int64.max, last = Int64.min
        for trace in traces {
            for span in trace.spans {
                let key = (trace.processes[span.processID]?.serviceName ?? "unknown_service") + "\u{0}" + span.operationName
                durations[key, default: []].append(span.duration)
                if span.isError { errors[key, default: 0] += 1 }
                first = min(first, span.startTime)
                last = max(last, span.endTime)
            }
        }
        let seconds = max(1, Double(last &- first) / 1_000_000)
        var rows: [LatencyRow] = []
        for (key, values) in durations {
            let sorted = values.sorted()
            durations[key] = sorted
            let parts = key.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let rank = { (quantile: Double) in
                sorted[min(sorted.count - 1, max(0, Int((quantile * Double(sorted.count)).rounded(.up)) - 1))]
            }
            let errorCount = errors[key, default: 0]
            rows.append(
                LatencyRow(
                    service: parts[0], operation: parts.count > 1 ? parts[1] : "", spanKind: nil, count: sorted.count,
                    ratePerSecond: Double(sorted.count) / seconds, errorCount: errorCount,
                    errorRate: Double(errorCount) / Double(sorted.count), p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: sorted.last
                ))
        }
        return (rows, durations)
    }

    /// Power-of-two buckets (µs), as the collector's histogram.
    static func histogram(service: String, operation: String, durations: [Int64]) -> OperationHistogram {
        guard let longest = durations.last else { return OperationHistogram(service: service, operation: operation, count: 0, buckets: []) }
        var buckets: [OperationHistogram.Bucket] = []
        var bound: Int64 = 1, index = 0
        while index < durations.count || buckets.isEmpty {
            var count = 0
            while index < durations.count, durations[index] <= bound { count += 1; index += 1 }
            buckets.append(OperationHistogram.Bucket(le: bound, count: count))
            if bound >= longest { break }
            bound *= 2
        }
        return OperationHistogram(
            service: service, operation: operation, count: durations.count, buckets: Array(buckets.drop { $0.count == 0 }))
    }
}

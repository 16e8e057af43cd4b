import TracetopAPI

/// The traces of a file (`tracetop --file`), answering the UI's requests as the collector would, so every
/// view works without one: summaries filtered and sorted, whole traces, latency per operation from the
/// spans. The file is a snapshot, so the lookback does not apply: every trace in it is listed. No logs.
package struct OfflineTraces: Sendable {
    package let name: String
    package let traces: [String: TraceDetail]
    package let summaries: [TraceSummaryRow]
    private let latency: [LatencyRow]
    private let durations: [String: [Int64]]

    package init(name: String, traces list: [TraceDetail]) {
        self.name = name
        var traces: [String: TraceDetail] = [:]
        for trace in list {
            // One trace split over several lines of a file-exporter dump: merged.
            if var existing = traces[trace.traceID] {
                existing.spans += trace.spans
                existing.processes.merge(trace.processes) { first, _ in first }
                traces[trace.traceID] = existing
            } else {
                traces[trace.traceID] = trace
            }
        }
        self.traces = traces
        summaries = traces.values.map(Self.summary)
        (latency, durations) = Self.latency(traces.values)
    }

    /// Calls between services: a span whose parent is in another service, counted per (parent, child) service.
    var dependencies: [DependencyEdge] {
        var counts: [OperationKey: (Int, Int)] = [:]
        for trace in traces.values {
            let tree = TraceTree(trace)
            for span in tree.spans.indices {
                guard let parent = tree.parent[span], tree.serviceNames[parent] != tree.serviceNames[span] else { continue }
                let key = OperationKey(service: tree.serviceNames[parent], operation: tree.serviceNames[span])
                let (calls, errors) = counts[key] ?? (0, 0)
                counts[key] = (calls + 1, errors + (tree.isError[span] ? 1 : 0))
            }
        }
        return counts.map { DependencyEdge(parent: $0.key.service, child: $0.key.operation, callCount: $0.value.0, errorCount: $0.value.1) }
    }

    package var spanCount: Int { traces.values.reduce(0) { $0 + $1.spans.count } }

    /// The answer the collector would give.
    package func answer(_ request: APIRequest) -> Result<APIPayload, ClientError> {
        switch request {
        case .traceSummaries(let query): return .success(.summaries(summaries(query)))
        case .trace(let id):
            guard let trace = traces[id] else { return .failure(ClientError("trace \(id) is not in \(name)", collectorAnswered: true)) }
            return .success(.trace(trace))
        case .traceLogs, .logs: return .success(.logs([]))
        case .latency: return .success(.latency(latency))
        case .histogram(let service, let operation, _):
            return .success(
                .histogram(
                    Self.histogram(service: service, operation: operation, durations: durations[service + "\u{0}" + operation] ?? [])))
        case .correlation(let id): return .success(.correlation(Correlation(correlationId: id, traces: [], logs: [])))
        case .dependencies: return .success(.dependencies(dependencies))
        }
    }
}

import TracetopAPI

/// Sort orders of the trace list (`s` cycles them, `S` reverses); also sent to the collector as `sort=`.
package enum TraceSort: String, CaseIterable, Hashable, Sendable {
    case recent, duration, errors, spans

    package var next: TraceSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// What a trace list asks the collector for.
package struct TraceListQuery: Hashable, Sendable {
    package var filter = TraceFilter()
    package var lookback = Lookback.hour
    package var sort = TraceSort.recent
    package var limit = 200

    package init(filter: TraceFilter = TraceFilter(), lookback: Lookback = .hour, sort: TraceSort = .recent, limit: Int = 200) {
        self.filter = filter
        self.lookback = lookback
        self.sort = sort
        self.limit = limit
    }
}

package struct LogListQuery: Hashable, Sendable {
    package var filter = LogFilter()
    package var limit = 500

    package init(filter: LogFilter = LogFilter(), limit: Int = 500) {
        self.filter = filter
        self.limit = limit
    }
}

/// Every call the UI makes. A value, so `update` can emit it as an effect and a response can be matched to
/// the page that asked (late answers to an old query are dropped).
package enum APIRequest: Hashable, Sendable {
    case traceSummaries(TraceListQuery)
    case trace(id: String)
    case traceLogs(traceID: String)
    case logs(LogListQuery)
    case latency(Lookback)
    case histogram(service: String, operation: String, lookback: Lookback)
    case correlation(id: String)
    /// Who calls whom in the lookback (the Map view).
    case dependencies(Lookback)

    /// The path (segments percent-encoded by the client) and query parameters, in order.
    package var pathSegments: [String] {
        switch self {
        case .traceSummaries: return APIRoute.traceSummaries.segments()
        case .trace(let id): return APIRoute.trace.segments(id)
        case .traceLogs, .logs: return APIRoute.logs.segments()
        case .latency: return APIRoute.latency.segments()
        case .histogram: return APIRoute.latencyHistogram.segments()
        case .correlation(let id): return APIRoute.correlation.segments(id)
        case .dependencies: return APIRoute.dependencies.segments()
        }
    }

    package var queryItems: [(String, String)] {
        parameters.map { ($0.0.name, $0.1) }
    }

    private var parameters: [(QueryParameter, String)] {
        switch self {
        case .traceSummaries(let query):
            var items: [(QueryParameter, String)] = [
                (.lookback, query.lookback.label), (.limit, String(query.limit)), (.sort, query.sort.rawValue)
            ]
            let filter = query.filter
            if let service = filter.service { items.append((.service, service)) }
            if let operation = filter.operation { items.append((.operation, operation)) }
            if let min = filter.minDuration { items.append((.minDuration, "\(min)us")) }
            if let max = filter.maxDuration { items.append((.maxDuration, "\(max)us")) }
            if filter.errorsOnly { items.append((.error, "true")) }
            if let corr = filter.correlationId { items.append((.correlationId, corr)) }
            for key in filter.tags.keys.sorted() { items.append((.tag, "\(key):\(filter.tags[key]!)")) }
            return items
        // Traces travel as OTLP JSON, read by the decoder `--file` uses too.
        case .trace: return [(.format, TraceFormat.otlp.rawValue)]
        case .traceLogs(let traceID): return [(.traceID, traceID), (.limit, "5000")]
        case .logs(let query):
            var items: [(QueryParameter, String)] = [(.limit, String(query.limit))]
            let filter = query.filter
            if let service = filter.service { items.append((.service, service)) }
            if let corr = filter.correlationId { items.append((.correlationId, corr)) }
            if let trace = filter.traceID { items.append((.traceID, trace)) }
            if let severity = filter.minSeverity { items.append((.minSeverity, severity)) }
            if let text = filter.text { items.append((.q, text)) }
            return items
        case .latency(let lookback): return [(.lookback, lookback.label), (.step, lookback.seriesStep)]
        case .histogram(let service, let operation, let lookback):
            return [(.service, service), (.operation, operation), (.lookback, lookback.label)]
        case .correlation: return []
        case .dependencies(let lookback): return [(.lookback, String(lookback.micros / 1000))]  // milliseconds, as Jaeger
        }
    }
}

/// A decoded answer.
package enum APIPayload: Hashable, Sendable {
    case summaries([TraceSummaryRow])
    case trace(TraceDetail)
    case logs([LogLine])
    case latency([LatencyRow])
    case histogram(OperationHistogram)
    case correlation(Correlation)
    case dependencies([DependencyEdge])
}

/// Why a call failed, in words for the status line.
package struct ClientError: Error, Hashable, Sendable {
    package var message: String
    /// The collector answered (e.g. 404): it is up, the request was wrong.
    package var collectorAnswered: Bool

    package init(_ message: String, collectorAnswered: Bool = false) {
        self.message = message
        self.collectorAnswered = collectorAnswered
    }
}

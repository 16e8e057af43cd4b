/// Every GET route of tracetop's own query API and the parameters each reads: the collector registers its routes
/// from these, tracetop builds its URLs from them, and a test holds `/openapi.json` to them (every route and
/// parameter in one is in the other).
package struct APIRoute: Hashable, Sendable {
    /// OpenAPI's spelling: `/api/traces/{traceID}`.
    package let path: String
    /// The names in `{…}` segments, in order.
    package let pathParameters: [String]
    package let queryParameters: [QueryParameter]

    init(_ path: String, _ queryParameters: [QueryParameter] = []) {
        self.path = path
        pathParameters = path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
        self.queryParameters = queryParameters
    }

    /// The router's spelling: `/api/traces/:traceID`.
    package var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    /// The path's segments with each `{…}` replaced by the next of `values` (not yet percent-encoded).
    package func segments(_ values: String...) -> [String] {
        var remaining = values[...]
        return path.split(separator: "/").map { segment in
            segment.hasPrefix("{") ? remaining.popFirst() ?? "" : String(segment)
        }
    }

    private static let traceSearch: [QueryParameter] = [
        .service, .operation, .tags, .tag, .minDuration, .maxDuration, .start, .end, .lookback, .limit, .durationScope, .sort, .error,
        .correlationId
    ]

    package static let services = APIRoute("/api/services")
    package static let serviceOperations = APIRoute("/api/services/{service}/operations")
    package static let operations = APIRoute("/api/operations", [.service, .spanKind])
    package static let trace = APIRoute("/api/traces/{traceID}", [.format])
    package static let traces = APIRoute("/api/traces", traceSearch)
    package static let traceSummaries = APIRoute("/api/trace-summaries", traceSearch)
    package static let dependencies = APIRoute("/api/dependencies", [.endTs, .lookback])
    package static let latency = APIRoute("/api/latency", [.service, .operation, .spanKind, .start, .end, .lookback, .step])
    package static let latencyHistogram = APIRoute("/api/latency/histogram", [.service, .operation, .spanKind, .start, .end, .lookback])
    package static let logs = APIRoute("/api/logs", [.traceID, .spanID, .correlationId, .service, .minSeverity, .q, .start, .end, .limit])
    package static let correlation = APIRoute("/api/correlations/{id}", [.limit])

    package static let all: [APIRoute] = [
        services, serviceOperations, operations, trace, traces, traceSummaries, dependencies, latency, latencyHistogram, logs, correlation
    ]
}

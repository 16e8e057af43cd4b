/// Every GET route of tracetop's own query API and the parameters each reads: the collector registers its routes
/// from these, tracetop builds its URLs from them, and a test holds `/openapi.json` to them (every route and
/// parameter in one is in the other).
public struct APIRoute: Hashable, Sendable {
    /// OpenAPI's spelling: `/api/traces/{traceID}`.
    public let path: String
    /// The names in `{…}` segments, in order.
    public let pathParameters: [String]
    public let queryParameters: [QueryParameter]

    init(_ path: String, _ queryParameters: [QueryParameter] = []) {
        self.path = path
        pathParameters = path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
        self.queryParameters = queryParameters
    }

    /// The router's spelling: `/api/traces/:traceID`.
    public var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    /// The path's segments with each `{…}` replaced by the next of `values` (not yet percent-encoded).
    public func segments(_ values: String...) -> [String] {
        var remaining = values[...]
        return path.split(separator: "/").map { segment in
            segment.hasPrefix("{") ? remaining.popFirst() ?? "" : String(segment)
        }
    }

    private static let traceSearch: [QueryParameter] = [
        .service, .operation, .tags, .tag, .minDuration, .maxDuration, .start, .end, .lookback, .limit, .durationScope, .sort, .error,
        .correlationId
    ]

    public static let services = APIRoute("/api/services")
    public static let serviceOperations = APIRoute("/api/services/{service}/operations")
    public static let operations = APIRoute("/api/operations", [.service, .spanKind])
    public static let trace = APIRoute("/api/traces/{traceID}", [.format])
    public static let traces = APIRoute("/api/traces", traceSearch)
    public static let traceSummaries = APIRoute("/api/trace-summaries", traceSearch)
    public static let dependencies = APIRoute("/api/dependencies", [.endTs, .lookback])
    public static let latency = APIRoute("/api/latency", [.service, .operation, .spanKind, .start, .end, .lookback, .step])
    public static let latencyHistogram = APIRoute("/api/latency/histogram", [.service, .operation, .spanKind, .start, .end, .lookback])
    public static let logs = APIRoute("/api/logs", [.traceID, .spanID, .correlationId, .service, .minSeverity, .q, .start, .end, .limit])
    public static let correlation = APIRoute("/api/correlations/{id}", [.limit])

    public static let all: [APIRoute] = [
        services, serviceOperations, operations, trace, traces, traceSummaries, dependencies, latency, latencyHistogram, logs, correlation
    ]
}

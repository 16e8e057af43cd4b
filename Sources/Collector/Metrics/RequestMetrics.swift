import Hummingbird
import Prometheus

/// Request durations per route, method and status code (`tracetop_http_request_duration_seconds`).
struct RequestMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    private static var name: MetricNameDescriptor {
        CollectorMetrics.name("http_request_duration", unit: "seconds", help: "Time from a request's head to its response, by route.")
    }

    /// Methods as HTTP defines them; anything else a client invents is `other`, so it cannot add series.
    private static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]

    func record(route: String?, method: HTTPRequest.Method, status: HTTPResponse.Status, duration: Duration) {
        let methodName = Self.knownMethods.contains(method.rawValue) ? method.rawValue : "other"
        registry.makeDurationHistogram(
            descriptor: Self.name,
            // The route as registered (`/api/traces/{traceID}`), never the raw path: ids would make a series each.
            // Hummingbird names a path no route matches `NotFound`.
            labels: [("route", route ?? "NotFound"), ("method", methodName), ("code", String(status.code))],
            buckets: CollectorMetrics.durationBuckets
        ).record(duration)
    }
}

/// Times every request, refused ones included, until its response is ready (every response here is built
/// whole before it is returned, so that is all but the last write). The route label is the router's pattern.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(route: context.endpointPath, method: request.method, status: response.status, duration: .now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            metrics.record(route: context.endpointPath, method: request.method, status: status, duration: .now - start)
            throw error
        }
    }
}

import Foundation
import Hummingbird
import JSONToolkit
import Logging
import TraceModel
import TraceStore
import TracetopAPI
import WireCodecs

/// The query API (docs/API.md): Jaeger-compatible endpoints plus summaries, latency, logs and correlations.
/// Every parameter is validated; a bad one gets a 400 naming it.
struct QueryController: Sendable {
    let store: any TraceQueryStore
    let logger: Logger

    func addRoutes(to router: Router<some RequestContext>) {
        route(.services, on: router) { _, _ in try await services() }
        route(.serviceOperations, on: router) { _, context in try await operationNames(service: Self.pathParameter("service", context)) }
        route(.operations, on: router) { parameters, _ in try await operations(parameters) }
        route(.trace, on: router) { parameters, context in try await trace(idText: context.parameters.get("traceID") ?? "", parameters) }
        route(.traces, on: router) { parameters, _ in try await findTraces(parameters) }
        route(.traceSummaries, on: router) { parameters, _ in try await summaries(parameters) }
        route(.dependencies, on: router) { parameters, _ in try await dependencies(parameters) }
        route(.latency, on: router) { parameters, _ in try await latency(parameters) }
        route(.latencyHistogram, on: router) { parameters, _ in try await histogram(parameters) }
        route(.logs, on: router) { parameters, _ in try await logs(parameters) }
        route(.correlation, on: router) { parameters, context in try await correlation(Self.pathParameter("id", context), parameters) }
    }

    /// A GET of TracetopAPI's route list, answered by `body` through `answer`.
    private func route<Context: RequestContext>(
        _ route: APIRoute, on router: Router<Context>,
        _ body: @escaping @Sendable (QueryParameters, Context) async throws -> Response
    ) {
        router.get(RouterPath(route.routerPath)) { request, context in await answer { try await body(QueryParameters(request), context) } }
    }

    /// A path segment as the client meant it: the router hands segments over still percent-encoded, so a
    /// correlation id "a b" or "k\0one" arrives as "a%20b" or "k%00one". Left as sent when not valid encoding.
    private static func pathParameter(_ name: String, _ context: some RequestContext) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// Turns parameter errors into 400s and store failures into 503s; nothing a client sends becomes a 500.
    private func answer(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as QueryParameterError {
            return APIResponse.error(.badRequest, error.message)
        } catch {
            logger.error("query failed", metadata: ["error": "\(error)"])
            return APIResponse.error(.serviceUnavailable, "the store could not answer: \(error)")
        }
    }

    private func services() async throws -> Response {
        let names = try await store.services()
        return APIResponse.data(total: names.count) { ResultJSON.strings(names, to: &$0) }
    }

    private func operationNames(service: String) async throws -> Response {
        let names = Array(Set(try await store.operations(service: service, kind: nil).map(\.name))).sorted()
        return APIResponse.data(total: names.count) { ResultJSON.strings(names, to: &$0) }
    }

    private func operations(_ parameters: QueryParameters) async throws -> Response {
        guard let service = parameters.string(.service) else {
            throw QueryParameterError(message: "service: required (the service whose operations to list)")
        }
        let operations = try await store.operations(service: service, kind: try parameters.spanKind(.spanKind))
        return APIResponse.data(total: operations.count) { ResultJSON.operations(operations, unspecifiedKind: "", to: &$0) }
    }

    private func trace(idText: String, _ parameters: QueryParameters) async throws -> Response {
        guard let id = TraceID(queryText: idText) else {
            throw QueryParameterError(message: "traceID: '\(idText)' is not a trace id; give up to 32 hex digits")
        }
        let spans = try await store.trace(id)
        guard !spans.isEmpty else { return APIResponse.error(.notFound, "trace not found") }
        switch parameters.string(.format) ?? TraceFormat.jaeger.rawValue {
        case TraceFormat.otlp.rawValue:
            return APIResponse.json(.ok, OTLPJSON.encode(OTLPExport.tracesData(spans)))
        case TraceFormat.jaeger.rawValue:
            return APIResponse.data(total: 1, capacity: JaegerTraceJSON.expectedBytes(spans: spans.count)) { writer in
                writer.beginArray()
                JaegerTraceJSON.write(spans, to: &writer)
                writer.endArray()
            }
        case let other:
            throw QueryParameterError(message: "format: '\(other)' is not accepted; use jaeger or otlp")
        }
    }

    private func findTraces(_ parameters: QueryParameters) async throws -> Response {
        let query = try TraceQueryParameters.query(parameters)
        let traces = try await store.traces(query)
        let spanCount = traces.reduce(0) { $0 + $1.count }
        return APIResponse.data(total: traces.count, limit: query.limit, capacity: JaegerTraceJSON.expectedBytes(spans: spanCount)) {
            writer in
            writer.beginArray()
            for spans in traces { JaegerTraceJSON.write(spans, to: &writer) }
            writer.endArray()
        }
    }

    private func summaries(_ parameters: QueryParameters) async throws -> Response {
        let summaries = try await store.traceSummaries(try TraceQueryParameters.query(parameters))
        return APIResponse.list(summaries.map(TraceSummaryRow.init), limit: summaries.count) { $0.write(to: &$1) }
    }

    private func dependencies(_ parameters: QueryParameters) async throws -> Response {
        // Jaeger's dependencies endpoint takes milliseconds.
        let endMillis = try parameters.int(.endTs, default: Int(UnixTime.nowNanoseconds() / 1_000_000), range: 0...Int.max / 1_000_000)
        let lookbackMillis = try parameters.int(.lookback, default: 86_400_000, range: 0...Int.max / 1_000_000)
        let end = UInt64(endMillis) * 1_000_000
        let start = end - min(end, UInt64(lookbackMillis) * 1_000_000)
        let links = try await store.dependencies(from: start, to: end)
        return APIResponse.list(links.map(DependencyEdge.init)) { $0.write(to: &$1) }
    }

    private func latencyQuery(_ parameters: QueryParameters) throws -> (LatencyQuery, windowSeconds: Double) {
        let window = try parameters.window()
        let step = try parameters.duration(.step)
        if let step, step < 60_000_000_000 {
            throw QueryParameterError(message: "step: must be at least 1m (latency is kept per minute)")
        }
        let query = LatencyQuery(
            service: parameters.string(.service), operation: parameters.string(.operation),
            kind: try parameters.spanKind(.spanKind), fromNanos: window.from, toNanos: window.to, stepNanos: step)
        return (query, Double(window.to - window.from) / 1e9)
    }

    private func latency(_ parameters: QueryParameters) async throws -> Response {
        let (query, windowSeconds) = try latencyQuery(parameters)
        let results = try await store.latency(query)
        let rows = results.map { LatencyRow($0, windowSeconds: windowSeconds, withSeries: query.stepNanos != nil) }
        return APIResponse.list(rows) { $0.write(to: &$1) }
    }

    private func histogram(_ parameters: QueryParameters) async throws -> Response {
        guard let service = parameters.string(.service), let operation = parameters.string(.operation) else {
            throw QueryParameterError(message: "service and operation: both required for a histogram")
        }
        let (query, _) = try latencyQuery(parameters)
        let results = try await store.latency(query)
        // Several span kinds of one name are merged by taking the one with most spans.
        let chosen = results.max { $0.figures.count < $1.figures.count }
        return APIResponse.data(total: chosen == nil ? 0 : 1) {
            OperationHistogram(chosen, service: service, operation: operation).write(to: &$0)
        }
    }

    private func logs(_ parameters: QueryParameters) async throws -> Response {
        let query = try LogQueryParameters.query(parameters)
        let logs = try await store.logs(query)
        return APIResponse.list(logs.map(LogLine.init), limit: query.limit) { $0.write(to: &$1) }
    }

    private func correlation(_ id: String, _ parameters: QueryParameters) async throws -> Response {
        guard !id.isEmpty, id.utf8.count <= 256 else {
            throw QueryParameterError(message: "id: a correlation id of 1 to 256 bytes is required")
        }
        let limit = try parameters.int(.limit, default: 100, range: 1...5000)
        // Two independent reads, run at once: on PostgreSQL each is a round trip and a plan of its own.
        async let summaries = store.traceSummaries(TraceQuery(correlationID: id, limit: limit))
        async let logs = store.logs(LogQuery(correlationID: id, limit: limit))
        let (traces, lines) = try await (summaries, logs)
        let answer = Correlation(correlationId: id, traces: traces.map(TraceSummaryRow.init), logs: lines.map(LogLine.init))
        return APIResponse.data(total: traces.count + lines.count) { answer.write(to: &$0) }
    }
}

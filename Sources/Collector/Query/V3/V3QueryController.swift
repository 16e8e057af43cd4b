import Foundation
import Hummingbird
import JSONToolkit
import Logging
import TraceModel
import TraceStore

/// Jaeger's api_v3 over HTTP (docs/API.md), beside the v1 endpoints: what Jaeger's UI (2.15+ services and
/// operations, 2.19+ search through trace summaries) and Grafana's Jaeger data source in v3 mode call.
/// Routes, parameters, shapes and errors follow Jaeger's gateway (`apiv3/http_gateway.go`, `query_parser.go`).
struct V3QueryController: Sendable {
    let store: any TraceQueryStore
    let logger: Logger

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/api/v3/services") { _, _ in await answer { try await services() } }
        router.get("/api/v3/operations") { request, _ in await answer { try await operations(QueryParameters(request)) } }
        router.get("/api/v3/traces/:traceID") { request, context in
            // Still percent-encoded as the router hands it over: a base64 id's `/`, `+` and `=` arrive as %2F, %2B, %3D.
            let raw = context.parameters.get("traceID") ?? ""
            return await answer { try await trace(idText: raw.removingPercentEncoding ?? raw, QueryParameters(request)) }
        }
        router.get("/api/v3/traces") { request, _ in await answer { try await findTraces(QueryParameters(request)) } }
        router.get("/api/v3/trace-summaries") { request, _ in await answer { try await summaries(QueryParameters(request)) } }
    }

    /// Jaeger's message when a lookup or a search finds nothing.
    static let notFound = "No traces found"

    /// Parameter errors are 400s; store failures 503s (Jaeger answers 500, but nothing a client sends is a 500 here).
    private func answer(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as QueryParameterError {
            return V3Response.error(.badRequest, error.message)
        } catch {
            logger.error("api_v3 query failed", metadata: ["error": "\(error)"])
            return V3Response.error(.serviceUnavailable, "the store could not answer: \(error)")
        }
    }

    private func services() async throws -> Response {
        let names = try await store.services()
        return V3Response.object("services") { ResultJSON.strings(names, to: &$0) }
    }

    private func operations(_ parameters: QueryParameters) async throws -> Response {
        guard let service = parameters.string("service") else {
            throw QueryParameterError(message: "malformed parameter service: required (the service whose operations to list)")
        }
        let v3 = V3Parameters(parameters: parameters)
        var kind: SpanKind?
        if let (text, name) = v3.value("spanKind", "span_kind") {
            guard let parsed = SpanKind(shortName: text) ?? SpanKind(protoName: text.uppercased()) else {
                throw V3Parameters.malformed(name, "'\(text)' is not a span kind; use server, client, producer, consumer or internal")
            }
            kind = parsed
        }
        return V3Response.operations(try await store.operations(service: service, kind: kind))
    }

    /// `startTime`/`endTime` tell Jaeger's storage where to look; this store finds a trace by its id alone, so
    /// they are checked and narrow nothing. `rawTraces` skips Jaeger's adjusters, which this collector never runs.
    private func trace(idText: String, _ parameters: QueryParameters) async throws -> Response {
        guard let id = Self.traceID(idText) else {
            throw V3Parameters.malformed(
                "trace_id", "'\(idText)' is not a trace id; give 32 hex digits (or up to 32, or 16 bytes in base64)")
        }
        let v3 = V3Parameters(parameters: parameters)
        let start = try v3.time("startTime", "start_time")
        let end = try v3.time("endTime", "end_time")
        if let start, let end, start > end { throw QueryParameterError(message: "startTime must not be after endTime") }
        _ = try v3.bool("rawTraces", "raw_traces")
        let spans = try await store.trace(id)
        guard !spans.isEmpty else { return V3Response.error(.notFound, Self.notFound) }
        return V3Response.traces([spans])
    }

    private func findTraces(_ parameters: QueryParameters) async throws -> Response {
        let traces = try await store.traces(try V3SearchQuery.query(parameters))
        guard !traces.isEmpty else { return V3Response.error(.notFound, Self.notFound) }
        return V3Response.traces(traces)
    }

    /// Summaries are computed from the traces' spans, as Jaeger does. An empty search is `{"summaries":[]}`
    /// with 200, as Jaeger answers it (its UI then shows "no traces" rather than an error).
    private func summaries(_ parameters: QueryParameters) async throws -> Response {
        let traces = try await store.traces(try V3SearchQuery.query(parameters))
        return V3Response.object("summaries") { writer in
            writer.beginArray()
            for spans in traces where !spans.isEmpty { V3TraceSummary(spans).write(to: &writer) }
            writer.endArray()
        }
    }

    /// Hex as Jaeger reads it (up to 32 digits, zero-padded), or base64 of the 16 bytes, as its gateway also accepts.
    static func traceID(_ text: String) -> TraceID? {
        if let id = TraceID(queryText: text) { return id }
        guard text.count <= 24 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let bytes = Base64.decode(Array(base64.utf8)), bytes.count == 16 else { return nil }
        return TraceID(bytes: bytes)
    }
}

import Hummingbird

/// Demands `Authorization: Bearer <token>`: the ingest token on ingest endpoints, the query token on
/// everything else (`/metrics` included) except `/openapi.json` (the API's description holds no data) and the
/// health probes `/healthz` and `/readyz` (probes carry no token). A refusal is a 401 in the shape the
/// endpoint's clients read: a `google.rpc.Status` for OTLP ingest, Jaeger's envelope for queries
/// (grpc-gateway's error under `/api/v3/`).
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: AccessTokens

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/openapi.json" || HealthController.paths.contains(path) { return try await next(request, context) }
        let isIngest = Self.isIngest(method: request.method, path: path)
        guard let expected = isIngest ? tokens.ingest : tokens.query else { return try await next(request, context) }
        guard let given = Self.bearerToken(request.headers[.authorization]), ConstantTime.equal(given, expected) else {
            return Self.unauthorized(isIngest: isIngest, request: request, tokenSent: request.headers[.authorization] != nil)
        }
        return try await next(request, context)
    }

    /// Ingest is every POST (the only writes) and anything under `/v1/`.
    static func isIngest(method: HTTPRequest.Method, path: String) -> Bool {
        method == .post || path.hasPrefix("/v1/")
    }

    static func bearerToken(_ header: String?) -> Substring? { BearerToken.parse(header) }

    static func unauthorized(isIngest: Bool, request: Request, tokenSent: Bool) -> Response {
        let message =
            tokenSent
            ? "the bearer token is not valid for \(isIngest ? "ingest" : "queries")"
            : "authentication required: send 'Authorization: Bearer <token>' (the collector's \(isIngest ? "ingest" : "query") token)"
        var response: Response
        if isIngest {
            // Answer in the request's encoding when it is one OTLP knows, JSON otherwise.
            let format = (try? WireFormat(contentType: request.headers[.contentType])) ?? .json
            response = OTLPResponse.failure(IngestError(status: .unauthorized, message: message), format: format)
        } else if request.uri.path.hasPrefix("/api/v3/") {
            response = V3Response.error(.unauthorized, message)
        } else {
            response = APIResponse.error(.unauthorized, message)
        }
        response.headers[.wwwAuthenticate] = #"Bearer realm="tracetop""#
        return response
    }
}

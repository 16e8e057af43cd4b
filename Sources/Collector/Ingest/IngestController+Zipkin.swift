import Hummingbird
import NIOCore
import TraceModel

/// `POST /api/v2/spans`: Zipkin v2, a JSON list (whatever the Content-Type, as Zipkin's own server assumes) or a
/// protobuf `ListOfSpans` (`application/x-protobuf`), gzip or not. The same path as OTLP: admitted within the in-flight
/// budget, read within the size limit, decoded, committed; 202 Accepted (Zipkin's answer) only after the commit.
/// Errors are plain-text messages, as Zipkin's server writes them.
extension IngestController {
    static let zipkinPath = "/api/v2/spans"

    func addZipkinRoutes(to router: Router<some RequestContext>) {
        router.post(RouterPath(Self.zipkinPath)) { request, _ in
            await admitted(request, refuse: { ZipkinResponse.failure($0) }) { await handleZipkin(request) }
        }
        for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
            router.on(RouterPath(Self.zipkinPath), method: method) { _, _ in
                ZipkinResponse.failure(IngestError(status: .methodNotAllowed, message: "use POST for this endpoint"), allow: "POST")
            }
        }
    }

    private func handleZipkin(_ request: Request) async -> Response {
        var request = request
        do {
            let format = ZipkinFormat(contentType: request.headers[.contentType])
            let body = try await bodyReader.read(&request)
            let receivedAt = Clock.nowUnixNano()
            let decoded: DecodedTraces
            do {
                decoded = try body.withUnsafeReadableBytes { bytes throws(OTLPDecodingError) in
                    switch format {
                    case .json: return try Zipkin.decodeJSON(bytes, receivedAtUnixNano: receivedAt)
                    case .protobuf: return try Zipkin.decodeProtobuf(bytes, receivedAtUnixNano: receivedAt)
                    }
                }
            } catch {
                throw IngestError.badRequest(error.message)
            }
            try await submit(IngestBatches.batch(decoded.data, correlationKeys: correlationKeys), bytes: body.readableBytes)
            return Response(status: .accepted)
        } catch let error as IngestError {
            return ZipkinResponse.failure(error)
        } catch {
            return ZipkinResponse.failure(.badRequest("\(error)"))
        }
    }
}

/// Zipkin's two encodings. Protobuf only when it says so; anything else is read as JSON, as Zipkin's server and
/// the OpenTelemetry Collector's Zipkin receiver do (so `curl -d`, which says form-urlencoded, works too).
enum ZipkinFormat {
    case json, protobuf

    init(contentType: String?) {
        let mediaType = (contentType ?? "").split(separator: ";", maxSplits: 1).first.map {
            $0.filter { $0 != " " && $0 != "\t" }.lowercased()
        } ?? ""
        self = ["application/x-protobuf", "application/protobuf"].contains(mediaType) ? .protobuf : .json
    }
}

enum ZipkinResponse {
    /// The message as text, with the status (and Retry-After) OTLP ingest would give.
    static func failure(_ error: IngestError, allow: String? = nil) -> Response {
        var response = Response(
            status: error.status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: error.message + "\n")))
        if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        if error.closeConnection { response.headers[.connection] = "close" }
        if let allow { response.headers[.allow] = allow }
        return response
    }
}

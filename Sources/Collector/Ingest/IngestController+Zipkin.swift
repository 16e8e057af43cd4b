import Hummingbird
import NIOCore
import TraceModel
import TraceStore
import WireCodecs

/// `POST /api/v2/spans`: Zipkin v2, a JSON list (whatever the Content-Type, as Zipkin's own server assumes) or a
/// protobuf `ListOfSpans` (`application/x-protobuf`), gzip or not; `POST /api/v1/spans`: Zipkin v1 JSON. The same
/// path as OTLP: admitted within the in-flight budget, read within the size limit, decoded, committed; 202 Accepted
/// (Zipkin's answer) only after the commit. Errors are plain-text messages, as Zipkin's server writes them.
extension IngestController {
    static let zipkinPaths = [(path: "/api/v2/spans", version: ZipkinFormat.Version.v2), ("/api/v1/spans", .v1)]

    func addZipkinRoutes(to router: Router<some RequestContext>) {
        metrics?.announce(transport: Self.zipkinTransport)
        for (path, version) in Self.zipkinPaths {
            router.post(RouterPath(path)) { request, _ in
                await admitted(request, transport: Self.zipkinTransport, refuse: { ZipkinResponse.failure($0) }) {
                    await handleZipkin(request, version: version)
                }
            }
            for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
                router.on(RouterPath(path), method: method) { _, _ in
                    ZipkinResponse.failure(IngestError(status: .methodNotAllowed, message: "use POST for this endpoint"), allow: "POST")
                }
            }
        }
    }

    private func handleZipkin(_ request: Request, version: ZipkinFormat.Version) async -> Response {
        var request = request
        var decodedSpans = 0
        do {
            let format = try ZipkinFormat(version: version, contentType: request.headers[.contentType])
            let body = try await bodyReader.read(&request)
            let receivedAt = UnixTime.nowNanoseconds()
            let decoded: DecodedTraces
            do {
                decoded = try body.withUnsafeReadableBytes { bytes throws(OTLPDecodingError) in
                    switch format {
                    case .json: return try Zipkin.decodeJSON(bytes, receivedAtUnixNano: receivedAt)
                    case .protobuf: return try Zipkin.decodeProtobuf(bytes, receivedAtUnixNano: receivedAt)
                    case .v1JSON: return try Zipkin.decodeV1JSON(bytes, receivedAtUnixNano: receivedAt)
                    }
                }
            } catch {
                throw IngestError.badRequest(error.message)
            }
            let batch = IngestBatches.batch(decoded.data, correlationKeys: correlationKeys)
            decodedSpans = batch.spans.count
            try await submit(batch, bytes: body.readableBytes)
            metrics?.accepted(spans: batch.spans.count, transport: Self.zipkinTransport)
            return Response(status: .accepted)
        } catch let error as IngestError {
            metrics?.refused(spans: decodedSpans, transport: Self.zipkinTransport, error: error)
            return ZipkinResponse.failure(error)
        } catch {
            metrics?.refused(spans: decodedSpans, transport: Self.zipkinTransport, reason: .invalid)
            return ZipkinResponse.failure(.badRequest("\(error)"))
        }
    }
}

/// Zipkin's encodings. v2: protobuf only when it says so; anything else is read as JSON, as Zipkin's server and
/// the OpenTelemetry Collector's Zipkin receiver do (so `curl -d`, which says form-urlencoded, works too).
/// v1: JSON only (v1's other encoding, Thrift, is not read).
enum ZipkinFormat {
    enum Version: Sendable { case v1, v2 }
    case json, protobuf, v1JSON

    init(version: Version, contentType: String?) throws(IngestError) {
        let mediaType =
            (contentType ?? "").split(separator: ";", maxSplits: 1).first.map {
                $0.filter { $0 != " " && $0 != "\t" }.lowercased()
            } ?? ""
        let isBinary = ["application/x-protobuf", "application/protobuf", "application/x-thrift"].contains(mediaType)
        switch version {
        case .v2: self = isBinary && mediaType != "application/x-thrift" ? .protobuf : .json
        case .v1:
            guard !isBinary else {
                throw IngestError(
                    status: .unsupportedMediaType, message: "Zipkin v1 is accepted as JSON only; send v2 (/api/v2/spans) for protobuf")
            }
            self = .v1JSON
        }
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

import Hummingbird
import NIOCore
import TraceModel

/// OTLP/HTTP responses: `Export…ServiceResponse` on success (with `partialSuccess` when items were rejected)
/// and `google.rpc.Status` for errors, in the encoding of the request.
enum OTLPResponse {
    enum Signal { case traces, logs }

    static func success(_ rejected: Rejections, signal: Signal, format: WireFormat) -> Response {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        if rejected.count > 0 {
            writer.key("partialSuccess")
            writer.beginObject()
            switch signal {
            case .traces: writer.key("rejectedSpans")
            case .logs: writer.key("rejectedLogRecords")
            }
            writer.quotedNumber(rejected.count)
            writer.key("errorMessage")
            writer.string(rejected.message)
            writer.endObject()
        }
        writer.endObject()
        return response(.ok, body: writer.bytes, format: format)
    }

    static func failure(_ error: IngestError, format: WireFormat) -> Response {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.key("code")
        writer.number(error.rpcCode)
        writer.key("message")
        writer.string(error.message)
        writer.endObject()
        var response = response(error.status, body: writer.bytes, format: format)
        if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    private static func response(_ status: HTTPResponse.Status, body: [UInt8], format: WireFormat) -> Response {
        Response(
            status: status, headers: [.contentType: WireFormat.json.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

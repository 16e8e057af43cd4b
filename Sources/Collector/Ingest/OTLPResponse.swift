import Hummingbird
import NIOCore
import LogAggregator
import TraceModel

/// OTLP/HTTP responses: `Export…ServiceResponse` on success (with `partialSuccess` when items were rejected)
/// and `google.rpc.Status` for errors, in the encoding of the request.
enum OTLPResponse {
    enum Signal { case traces, logs }

    static func success(_ rejected: Rejections, signal: Signal, format: WireFormat) -> Response {
        if format == .protobuf {
            let body = OTLPProtobuf.encodeExportResponse(rejected: Int64(rejected.count), message: rejected.message, forLogs: signal == .logs)
            return response(.ok, body: body, format: format)
        }
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

    /// `/api/logs`: how many lines were stored and, OTLP-style, how many were rejected and why, with line numbers.
    static func structuredLogsAccepted(_ normalized: NormalizedLogs) -> Response {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.key("accepted")
        writer.number(normalized.acceptedCount)
        if normalized.rejectedCount > 0 {
            writer.key("partialSuccess")
            writer.beginObject()
            writer.key("rejectedLogRecords")
            writer.quotedNumber(normalized.rejectedCount)
            writer.key("errorMessage")
            writer.string(normalized.errorMessage)
            writer.endObject()
            writer.key("lineErrors")
            writer.beginArray()
            for error in normalized.errors {
                writer.beginObject()
                writer.key("line")
                writer.number(error.line)
                writer.key("reason")
                writer.string(error.reason)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        return response(.ok, body: writer.bytes, format: .json)
    }

    static func failure(_ error: IngestError, format: WireFormat) -> Response {
        let body: [UInt8]
        switch format {
        case .protobuf:
            body = OTLPProtobuf.encodeStatus(code: error.rpcCode, message: error.message)
        case .json:
            var writer = JSONWriter(capacity: 128)
            writer.beginObject()
            writer.key("code")
            writer.number(error.rpcCode)
            writer.key("message")
            writer.string(error.message)
            writer.endObject()
            body = writer.bytes
        }
        var response = response(error.status, body: body, format: format)
        if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    private static func response(_ status: HTTPResponse.Status, body: [UInt8], format: WireFormat) -> Response {
        Response(
            status: status, headers: [.contentType: format.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

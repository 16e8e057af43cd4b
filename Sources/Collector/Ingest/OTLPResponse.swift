import Hummingbird
import JSONToolkit
import LogAggregator
import NIOCore
import WireCodecs

/// OTLP/HTTP responses: `Export…ServiceResponse` on success (with `partialSuccess` when items were rejected)
/// and `google.rpc.Status` for errors, in the encoding of the request.
enum OTLPResponse {
    enum Signal { case traces, logs }

    static func success(_ rejected: Rejections, signal: Signal, format: WireFormat) -> Response {
        if format == .protobuf {
            let body = OTLPProtobuf.encodeExportResponse(
                rejected: Int64(rejected.count), message: rejected.message, forLogs: signal == .logs)
            return response(.ok, body: body, format: format)
        }
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        if rejected.count > 0 {
            writePartialSuccess(signal: signal, rejected: rejected.count, message: rejected.message, to: &writer)
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
            writePartialSuccess(signal: .logs, rejected: normalized.rejectedCount, message: normalized.errorMessage, to: &writer)
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

    /// OTLP's `partialSuccess` member: the count is an int64, so a string in JSON.
    private static func writePartialSuccess(signal: Signal, rejected: Int, message: String, to writer: inout JSONWriter) {
        writer.key("partialSuccess")
        writer.beginObject()
        switch signal {
        case .traces: writer.key("rejectedSpans")
        case .logs: writer.key("rejectedLogRecords")
        }
        writer.quotedNumber(rejected)
        writer.key("errorMessage")
        writer.string(message)
        writer.endObject()
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
        if error.closeConnection { response.headers[.connection] = "close" }
        return response
    }

    private static func response(_ status: HTTPResponse.Status, body: [UInt8], format: WireFormat) -> Response {
        Response(
            status: status, headers: [.contentType: format.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

import Hummingbird
import JSONToolkit
import NIOCore

/// Jaeger's query-API envelope `{"data":…,"total":N,"limit":0,"offset":0,"errors":null}`, used by every query endpoint.
enum APIResponse {
    /// `capacity`: the expected size, so a large answer (a trace is about 1 KB per span) is not copied as it grows.
    static func data(total: Int, limit: Int = 0, capacity: Int = 4096, _ writeData: (inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter(capacity: capacity)
        writer.beginObject()
        writer.key("data")
        writeData(&writer)
        writer.key("total")
        writer.number(total)
        writer.key("limit")
        writer.number(limit)
        writer.key("offset")
        writer.number(0)
        writer.key("errors")
        writer.raw("null")
        writer.endObject()
        return json(.ok, writer.bytes)
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.key("data")
        writer.raw("null")
        writer.key("total")
        writer.number(0)
        writer.key("limit")
        writer.number(0)
        writer.key("offset")
        writer.number(0)
        writer.key("errors")
        writer.beginArray()
        writer.beginObject()
        writer.key("code")
        writer.number(Int(status.code))
        writer.key("msg")
        writer.string(message)
        writer.endObject()
        writer.endArray()
        writer.endObject()
        return json(status, writer.bytes)
    }

    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

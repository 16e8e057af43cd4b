import Hummingbird
import JSONToolkit
import NIOCore
import TraceModel
import TracetopAPI

/// The query API's envelope (`APIEnvelope`, written by TracetopAPI) as a Hummingbird response.
enum APIResponse {
    /// `capacity`: the expected size, so a large answer (a trace is about 1 KB per span) is not copied as it grows.
    static func data(total: Int, limit: Int = 0, capacity: Int = 4096, _ writeData: (inout JSONWriter) -> Void) -> Response {
        json(.ok, APIEnvelope.write(total: total, limit: limit, capacity: capacity, writeData))
    }

    /// A list of one of the API's shapes.
    static func list<Item>(_ items: [Item], limit: Int = 0, _ writeItem: (Item, inout JSONWriter) -> Void) -> Response {
        json(.ok, APIEnvelope.write(items, limit: limit, writeItem))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status, APIEnvelope.write(APIEnvelope.APIError(code: Int(status.code), msg: message)))
    }

    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

import Hummingbird
import JSONToolkit
import TraceModel
import TraceStore
import WireCodecs

/// The JSON shapes of Jaeger's api_v3 HTTP gateway: proto3 JSON of its responses, and grpc-gateway's error.
enum V3Response {
    /// `{"result":{"resourceSpans":[…]}}`: every trace's resource spans one after another in one result, as
    /// Jaeger's gateway concatenates them (clients group spans by `traceId`). OTLP JSON by the collector's own
    /// encoder: hex ids, enums as integers, 64-bit integers as strings, defaults left out.
    static func traces(_ traces: [[SpanRecord]]) -> Response {
        let data = TracesData(resourceSpans: traces.flatMap { OTLPExport.tracesData($0).resourceSpans })
        let encoded = OTLPJSON.encode(data)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count + 12)
        bytes.append(contentsOf: #"{"result":"#.utf8)
        bytes.append(contentsOf: encoded)
        bytes.append(UInt8(ascii: "}"))
        return APIResponse.json(.ok, bytes)
    }

    /// `{"error":{"httpCode":N,"message":"…"}}`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.key("httpCode")
        writer.number(Int(status.code))
        writer.key("message")
        writer.string(message)
        writer.endObject()
        writer.endObject()
        return APIResponse.json(status, writer.bytes)
    }

    /// An object with one member, written by `body`.
    static func object(_ key: StaticString, _ body: (inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter(capacity: 4096)
        writer.beginObject()
        writer.key(key)
        body(&writer)
        writer.endObject()
        return APIResponse.json(.ok, writer.bytes)
    }

    /// `{"operations":[{"name","spanKind"}]}`; an unspecified kind reads `internal`, as in Jaeger.
    static func operations(_ operations: [OperationName]) -> Response {
        object("operations") { ResultJSON.operations(operations, unspecifiedKind: SpanKind.internal.shortName, to: &$0) }
    }
}

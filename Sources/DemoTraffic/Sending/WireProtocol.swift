import WireCodecs

/// How the demo's OTLP requests are encoded on the wire.
package enum WireProtocol: String, CaseIterable, Sendable {
    case json
    case protobuf
}

/// A request ready to send or to write to a file: its path, content type and body.
package struct EncodedRequest: Hashable, Sendable {
    package var path: String
    package var contentType: String
    package var body: [UInt8]
    package var spanCount: Int
    package var logCount: Int
    package var service: ShopService

    package var fileExtension: String {
        switch contentType {
        case "application/x-ndjson": return "ndjson"
        case "application/x-protobuf": return "bin"
        default: return "json"
        }
    }
}

extension DemoRequest {
    /// Encodes OTLP payloads in `wire`; legacy NDJSON is always NDJSON.
    package func encoded(_ wire: WireProtocol) -> EncodedRequest {
        let contentType: String
        let body: [UInt8]
        switch (payload, wire) {
        case (.ndjson(let bytes), _):
            contentType = "application/x-ndjson"
            body = bytes
        case (.traces(let data), .protobuf):
            contentType = "application/x-protobuf"
            body = OTLPProtobuf.encode(data)
        case (.logs(let data), .protobuf):
            contentType = "application/x-protobuf"
            body = OTLPProtobuf.encode(data)
        case (.traces(let data), .json):
            contentType = "application/json"
            body = OTLPJSON.encode(data)
        case (.logs(let data), .json):
            contentType = "application/json"
            body = OTLPJSON.encode(data)
        }
        return EncodedRequest(
            path: path, contentType: contentType, body: body, spanCount: spanCount,
            logCount: logCount, service: service)
    }
}

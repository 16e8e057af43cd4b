import Foundation

/// The two OTLP encodings, chosen by the request's Content-Type (parameters such as `; charset=utf-8` allowed).
enum WireFormat: Sendable {
    case json
    case protobuf

    init(contentType: String?) throws(IngestError) {
        let mediaType =
            (contentType ?? "").split(separator: ";", maxSplits: 1).first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
        switch mediaType {
        case "application/json": self = .json
        case "application/x-protobuf", "application/protobuf": self = .protobuf
        default: throw .unsupportedMediaType(contentType ?? "(none)")
        }
    }

    var contentType: String {
        switch self {
        case .json: return "application/json"
        case .protobuf: return "application/x-protobuf"
        }
    }
}

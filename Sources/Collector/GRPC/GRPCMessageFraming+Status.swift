import Foundation

/// What a framing problem is called on the wire: gRPC's codes for it (grpc `doc/statuscodes.md`: INTERNAL for a
/// flag, a compression or a length that does not add up; RESOURCE_EXHAUSTED over the size limit) and a message
/// that names it, and the `IngestError` it is counted as in `/metrics`.
extension GRPCMessageFraming.Problem {
    /// INTERNAL.
    static let internalCode = 13
    /// RESOURCE_EXHAUSTED.
    static let resourceExhaustedCode = 8

    var status: (code: Int, message: String) {
        switch self {
        case .tooLarge(let limit):
            return (Self.resourceExhaustedCode, IngestError.tooLarge(limit: limit).message)
        default:
            return (Self.internalCode, description)
        }
    }

    var ingestError: IngestError {
        switch self {
        case .tooLarge(let limit): return .tooLarge(limit: limit)
        default: return .badRequest(description)
        }
    }

    private var description: String {
        switch self {
        case .unknownFlag(let flag):
            return "a message's compressed flag is \(flag): gRPC allows 0 (uncompressed) or 1 (compressed)"
        case .compressedWithoutEncoding:
            return
                "a message has the compressed flag set but the call sent no grpc-encoding: send 'grpc-encoding: gzip' with it, or the message uncompressed"
        case .notDecompressible(let encoding):
            return "a message is not valid \(encoding) data, as its grpc-encoding says it is"
        case .endedMidMessage(let received, let announced?):
            return "the request ended after \(received) of the \(announced) bytes its message's length prefix announced"
        case .endedMidMessage(let received, nil):
            return "the request ended inside a message's 5-byte length prefix (after \(received) bytes)"
        case .tooLarge(let limit):
            return IngestError.tooLarge(limit: limit).message
        }
    }
}

/// `grpc-message` is percent-encoded (gRPC's PROTOCOL-HTTP2): every byte outside printable ASCII, and '%'.
enum GRPCStatusMessage {
    static func percentEncoded(_ message: String) -> String {
        var encoded = ""
        for byte in message.utf8 {
            if byte >= 0x20 && byte <= 0x7e && byte != UInt8(ascii: "%") {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }
}

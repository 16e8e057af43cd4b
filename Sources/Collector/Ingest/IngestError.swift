import Hummingbird

/// A refused request, with the status OTLP/HTTP prescribes and a message that says what was wrong.
struct IngestError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    var retryAfterSeconds: Int?
    var closeConnection = false

    static func badRequest(_ message: String) -> IngestError { IngestError(status: .badRequest, message: message) }
    static func tooLarge(limit: Int) -> IngestError {
        IngestError(
            status: .contentTooLarge, message: "request body is larger than the limit of \(limit) bytes (measured after decompression)")
    }
    static func unsupportedMediaType(_ given: String) -> IngestError {
        IngestError(
            status: .unsupportedMediaType,
            message: "unsupported Content-Type '\(given)': send application/json or application/x-protobuf")
    }
    static func overloaded(retryAfter: Int) -> IngestError {
        IngestError(status: .serviceUnavailable, message: "the collector is busy: retry later", retryAfterSeconds: retryAfter)
    }
    /// 408, and the connection is closed: a client this slow is not worth a connection.
    static func bodyTimedOut(seconds: Int) -> IngestError {
        IngestError(status: .requestTimeout, message: "the request body did not arrive within \(seconds) seconds", closeConnection: true)
    }
    static func storageFailed(_ error: any Error) -> IngestError {
        IngestError(status: .serviceUnavailable, message: "storage is unavailable: \(error)", retryAfterSeconds: 5)
    }

    /// google.rpc.Status codes: INVALID_ARGUMENT, RESOURCE_EXHAUSTED, UNAVAILABLE, … (SPEC.md).
    var rpcCode: Int32 {
        switch status.code {
        case 400, 413, 415: return 3
        case 408: return 4
        case 429: return 8
        case 503: return 14
        case 405: return 12
        case 401: return 16
        default: return 2
        }
    }
}

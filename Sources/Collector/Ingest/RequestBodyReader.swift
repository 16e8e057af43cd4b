import CompressNIO
import Foundation
import Hummingbird
import NIOCore

/// Reads a request body within the size limit and undoes its Content-Encoding, with the limit applied
/// again after decompression (a gzip bomb stops at the limit, not at memory's end).
struct RequestBodyReader: Sendable {
    let maxBytes: Int
    /// The whole body must arrive within this: the idle timeout alone lets a client that trickles a byte now
    /// and then hold a request (and its handler) forever.
    var timeoutSeconds: Int = CollectorDefaults.bodyTimeoutSeconds

    func read(_ request: inout Request) async throws(IngestError) -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            throw .tooLarge(limit: maxBytes)
        }
        let encoding = try ContentEncoding(request.headers[.contentEncoding])
        var body: ByteBuffer
        do {
            body = try await collect(request.body)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw .tooLarge(limit: maxBytes)
        } catch is NIOTooManyBytesError {
            // A chunked body (no Content-Length to refuse up front) that grew past the limit.
            throw .tooLarge(limit: maxBytes)
        } catch is Deadline.Passed {
            throw .bodyTimedOut(seconds: timeoutSeconds)
        } catch {
            throw .badRequest("could not read the request body: \(error)")
        }
        var lastError: any Error = CompressNIOError.corruptData
        // HTTP's "deflate" is zlib-wrapped, but many clients send raw deflate: try both.
        for algorithm in encoding.algorithms {
            var input = body
            do {
                return try input.decompress(with: algorithm, maxSize: maxBytes)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                throw .tooLarge(limit: maxBytes)
            } catch {
                lastError = error
            }
        }
        if encoding.algorithms.isEmpty { return body }
        throw .badRequest("the body is not valid \(encoding.name) data (\(lastError))")
    }
}

extension RequestBodyReader {
    /// Collects the body, or gives up when the deadline passes first (the 408 that follows closes the connection).
    private func collect(_ body: RequestBody) async throws -> ByteBuffer {
        try await Deadline.run(seconds: timeoutSeconds) { [maxBytes] in try await body.collect(upTo: maxBytes) }
    }
}

enum ContentEncoding: Sendable {
    case identity, gzip, deflate

    init(_ header: String?) throws(IngestError) {
        switch (header ?? "").trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "identity": self = .identity
        case "gzip", "x-gzip": self = .gzip
        case "deflate": self = .deflate
        default: throw .badRequest("unsupported Content-Encoding '\(header ?? "")': send gzip, deflate or identity")
        }
    }

    var algorithms: [CompressionAlgorithm] {
        switch self {
        case .identity: return []
        case .gzip: return [.gzip()]
        case .deflate: return [.zlib(), .deflate()]
        }
    }

    var name: String {
        switch self {
        case .identity: return "identity"
        case .gzip: return "gzip"
        case .deflate: return "deflate"
        }
    }
}

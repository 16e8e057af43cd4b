import CompressNIO
import NIOCore

/// gRPC's length-prefixed messages (1-byte compressed flag, 4-byte big-endian length, payload), read from a request
/// stream's DATA frames before grpc-swift's transport sees them. The transport resets the stream when it cannot
/// deframe a message (a flag it cannot honour, bytes that are not gzip, a message over its limit: see
/// `GRPCFramingGuard`); checked here first, each of these becomes a `Problem` the guard answers with a gRPC status.
/// Compressed messages are decompressed here, within `--max-body-bytes`, and passed on uncompressed.
struct GRPCMessageFraming {
    enum Problem: Error, Equatable {
        case unknownFlag(UInt8)
        case compressedWithoutEncoding
        case tooLarge(limit: Int)
        case notDecompressible(encoding: String)
        case endedMidMessage(received: Int, announced: Int?)
    }

    private enum Position {
        /// Reading a prefix: the bytes of it seen so far (fewer than 5).
        case prefix([UInt8])
        /// Inside an uncompressed message's payload.
        case payload(remaining: Int, announced: Int)
        /// Collecting a compressed message's payload, which is decompressed once complete.
        case compressed(collected: ByteBuffer, announced: Int)
    }

    static let prefixLength = 5

    /// The request's `grpc-encoding`, when it is one this can undo (the transport refuses other encodings itself).
    let encoding: String?
    let maxMessageBytes: Int
    private var position = Position.prefix([])

    init(grpcEncoding: String?, maxMessageBytes: Int) {
        let encoding = grpcEncoding?.lowercased()
        self.encoding = encoding == "gzip" || encoding == "deflate" ? encoding : nil
        self.maxMessageBytes = maxMessageBytes
    }

    /// The buffers to pass on for one DATA frame, in order; nil: the frame itself, unchanged (every message in it
    /// is uncompressed with its prefix inside the frame: the usual case, at no cost).
    mutating func consume(_ frame: ByteBuffer) throws(Problem) -> [ByteBuffer]? {
        var input = frame, output: [ByteBuffer] = [], verbatim = true
        while input.readableBytes > 0 {
            switch position {
            case .prefix(var bytes):
                verbatim = verbatim && bytes.isEmpty
                let taken = min(Self.prefixLength - bytes.count, input.readableBytes)
                bytes += input.readBytes(length: taken)!
                guard bytes.count == Self.prefixLength else {
                    position = .prefix(bytes)
                    verbatim = false
                    continue
                }
                let length = Int(bytes[1]) << 24 | Int(bytes[2]) << 16 | Int(bytes[3]) << 8 | Int(bytes[4])
                guard length <= maxMessageBytes else { throw .tooLarge(limit: maxMessageBytes) }
                switch bytes[0] {
                case 0:
                    output.append(Self.prefix(length))
                    position = length == 0 ? .prefix([]) : .payload(remaining: length, announced: length)
                case 1:
                    guard encoding != nil else { throw .compressedWithoutEncoding }
                    verbatim = false
                    // An empty compressed message is an empty message (there is nothing to inflate).
                    output += length == 0 ? [Self.prefix(0)] : []
                    position = length == 0 ? .prefix([]) : .compressed(collected: ByteBuffer(), announced: length)
                case let flag:
                    throw .unknownFlag(flag)
                }
            case .payload(let remaining, let announced):
                let slice = input.readSlice(length: min(remaining, input.readableBytes))!
                output.append(slice)
                position =
                    remaining == slice.readableBytes
                    ? .prefix([]) : .payload(remaining: remaining - slice.readableBytes, announced: announced)
            case .compressed(var collected, let announced):
                verbatim = false
                var slice = input.readSlice(length: min(announced - collected.readableBytes, input.readableBytes))!
                collected.writeBuffer(&slice)
                position = .compressed(collected: collected, announced: announced)
                if collected.readableBytes == announced {
                    let message = try decompress(collected)
                    output += [Self.prefix(message.readableBytes), message]
                    position = .prefix([])
                }
            }
        }
        return verbatim ? nil : output
    }

    /// At the end of the request stream: a message must not be cut short.
    func finish() throws(Problem) {
        switch position {
        case .prefix(let bytes) where bytes.isEmpty: return
        case .prefix(let bytes): throw .endedMidMessage(received: bytes.count, announced: nil)
        case .payload(let remaining, let announced): throw .endedMidMessage(received: announced - remaining, announced: announced)
        case .compressed(let collected, let announced): throw .endedMidMessage(received: collected.readableBytes, announced: announced)
        }
    }

    private func decompress(_ compressed: ByteBuffer) throws(Problem) -> ByteBuffer {
        var input = compressed
        do {
            return try input.decompress(with: encoding == "gzip" ? .gzip() : .zlib(), maxSize: maxMessageBytes)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw .tooLarge(limit: maxMessageBytes)
        } catch {
            throw .notDecompressible(encoding: encoding ?? "identity")
        }
    }

    private static func prefix(_ length: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeMultipleIntegers(UInt8(0), UInt32(length))
        return buffer
    }
}

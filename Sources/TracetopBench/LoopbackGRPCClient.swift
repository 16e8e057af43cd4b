#if canImport(Glibc)
    import Glibc
#endif
import NIOCore
import NIOHPACK

/// A minimal OTLP/gRPC client over HTTP/2 (prior knowledge, plaintext) on a blocking socket to 127.0.0.1: the gRPC
/// phase's counterpart of `LoopbackHTTPClient`, as cheap, so the two phases measure the servers and not their
/// clients (grpc-swift's async client costs the shared cores several task hops per call). A call is one write
/// (HEADERS from bytes encoded once, DATA with the 5-byte message prefix) and reads frames until the trailers. It
/// honours the server's flow-control windows and frame size, and decodes the answer's headers with NIOHPACK.
final class LoopbackGRPCClient {
    struct Answer {
        var status: Int
        var message: String?
    }

    private let socket: LoopbackSocket
    /// The first request's header block adds the fixed headers to the server's HPACK table; later ones name them
    /// by index, as gRPC's clients do. `grpc-timeout` (a remaining time, different on every call) is not kept.
    private let firstRequestHeaders: [UInt8]
    private let requestHeaders: [UInt8]
    private var decoder = HPACKDecoder(allocator: ByteBufferAllocator())
    private var nextStream: UInt32 = 1
    private var connectionWindow = 65_535
    private var initialStreamWindow = 65_535
    private var streamWindow = 0
    private var maxFrameSize = 16_384
    /// Bytes the server sent on DATA frames since the last WINDOW_UPDATE we gave back.
    private var unacknowledged = 0

    init(port: Int, path: String) throws {
        socket = try LoopbackSocket(port: port)
        let fixed = [
            (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "127.0.0.1:\(port)"),
            ("content-type", "application/grpc"), ("te", "trailers")
        ]
        let timeout = HTTP2Frames.literal(("grpc-timeout", "10S"))
        firstRequestHeaders = fixed.flatMap { HTTP2Frames.literal($0, indexed: true) } + timeout
        // The dynamic table's newest entry is index 62 (RFC 7541 §2.3.3): the last fixed header added.
        requestHeaders = fixed.indices.flatMap { HTTP2Frames.index(62 + fixed.count - 1 - $0) } + timeout
        // Our receive windows as large as HTTP/2 allows: answers are a few bytes, never worth waiting for.
        try socket.send(
            HTTP2Frames.preface + HTTP2Frames.settings([(0x2, 0), (0x4, UInt32(Int32.max))])
                + HTTP2Frames.windowUpdate(stream: 0, Int32.max - 65_535))
    }

    /// One unary call with `message` (an encoded Export request): its grpc-status and grpc-message.
    func call(_ message: [UInt8]) throws -> Answer {
        let stream = nextStream
        nextStream += 2
        streamWindow = initialStreamWindow
        var out = HTTP2Frames.frame(type: 0x1, flags: 0x4, stream: stream, stream == 1 ? firstRequestHeaders : requestHeaders)
        var payload = ArraySlice(
            [
                0, UInt8(message.count >> 24 & 0xff), UInt8(message.count >> 16 & 0xff), UInt8(message.count >> 8 & 0xff),
                UInt8(message.count & 0xff)
            ] + message)
        while !payload.isEmpty {
            while min(connectionWindow, streamWindow) <= 0 {
                try socket.send(out)
                out = []
                if let answer = try readFrame(for: stream) { return answer }
            }
            let size = min(payload.count, maxFrameSize, connectionWindow, streamWindow)
            out += HTTP2Frames.frame(type: 0x0, flags: size == payload.count ? 0x1 : 0, stream: stream, payload.prefix(size))
            payload = payload.dropFirst(size)
            connectionWindow -= size
            streamWindow -= size
        }
        if unacknowledged > 1 << 28 {
            out += HTTP2Frames.windowUpdate(stream: 0, Int32(unacknowledged))
            unacknowledged = 0
        }
        try socket.send(out)
        while true {
            if let answer = try readFrame(for: stream) { return answer }
        }
    }

    /// Reads one frame and acts on it; the answer once `stream`'s trailers (or its reset) arrive.
    private func readFrame(for stream: UInt32) throws -> Answer? {
        var frame = try HTTP2Frames.read(from: socket)
        switch frame.type {
        case 0x0:  // DATA: the response message, not needed
            unacknowledged += frame.payload.count
        case 0x1:  // HEADERS (+ CONTINUATION): response headers, then trailers with END_STREAM
            while frame.flags & 0x4 == 0 { frame.payload += try HTTP2Frames.read(from: socket).payload }
            var block = ByteBuffer(bytes: frame.payload.dropFirst(frame.flags & 0x20 != 0 ? 5 : 0))
            let headers = try decoder.decodeHeaders(from: &block)
            guard frame.stream == stream, frame.flags & 0x1 != 0 else { return nil }
            return Answer(status: headers.first(name: "grpc-status").flatMap { Int($0) } ?? 2, message: headers.first(name: "grpc-message"))
        case 0x3 where frame.stream == stream:  // RST_STREAM
            throw LoopbackSocket.Failure(description: "the server reset the stream (HTTP/2 error \(HTTP2Frames.uint32(frame.payload)))")
        case 0x4 where frame.flags & 0x1 == 0:  // SETTINGS: take the window and frame size, acknowledge
            for offset in stride(from: 0, to: frame.payload.count - 5, by: 6) {
                let value = Int(HTTP2Frames.uint32(frame.payload.dropFirst(offset + 2)))
                switch UInt16(frame.payload[offset]) << 8 | UInt16(frame.payload[offset + 1]) {
                case 0x4:
                    streamWindow += value - initialStreamWindow
                    initialStreamWindow = value
                case 0x5: maxFrameSize = value
                default: break
                }
            }
            try socket.send(HTTP2Frames.frame(type: 0x4, flags: 0x1, stream: 0, []))
        case 0x6 where frame.flags & 0x1 == 0:  // PING
            try socket.send(HTTP2Frames.frame(type: 0x6, flags: 0x1, stream: 0, frame.payload))
        case 0x7:
            throw LoopbackSocket.Failure(description: "the server sent GOAWAY")
        case 0x8:  // WINDOW_UPDATE
            let increment = Int(HTTP2Frames.uint32(frame.payload) & 0x7fff_ffff)
            if frame.stream == 0 { connectionWindow += increment } else if frame.stream == stream { streamWindow += increment }
        default:
            break
        }
        return nil
    }
}

import NIOCore
import NIOHPACK
import NIOHTTP2

/// Sits in front of grpc-swift's stream handler on every OTLP/gRPC stream and checks the request's message
/// framing first (`GRPCMessageFraming`). grpc-swift-nio-transport 2.9.2 cannot answer a framing it fails to
/// decode with a status: `GRPCStreamStateMachine.serverReceive(buffer:endStream:)` catches the deframer's error
/// and returns `.forwardErrorAndClose_serverOnly`, and `GRPCServerStreamHandler.channelRead` then closes the
/// stream channel, which resets it (RST_STREAM) with no trailers. Clients read that as CANCELLED and retry a
/// request that can never succeed. So the guard answers such a stream itself, with the trailers-only response
/// gRPC's PROTOCOL-HTTP2 describes: INTERNAL naming the problem, or RESOURCE_EXHAUSTED past `--max-body-bytes`.
/// It also times the request (`--body-timeout`): a stream whose request does not end in time gets
/// DEADLINE_EXCEEDED, from a timer on the stream's event loop rather than a task and a timer per call; and it keeps
/// the client's `grpc-timeout` from grpc-swift, which would spend a task group and a sleeping task on every call
/// for a deadline Export never consults (`grpcTimeout`).
final class GRPCFramingGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias InboundOut = HTTP2Frame.FramePayload
    typealias OutboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private let maxMessageBytes: Int
    private let requestTimeoutSeconds: Int
    private let onRefused: @Sendable (IngestError) -> Void
    private var deadline: Scheduled<Void>?
    private var framing: GRPCMessageFraming?
    /// The stream handler sent its response headers: a refusal is then trailers alone.
    private var responseStarted = false
    /// The stream handler already answered (a refusal in the headers: an unknown encoding, a missing method):
    /// the rest of the request is its to ignore.
    private var responseEnded = false
    private var answered = false

    init(maxMessageBytes: Int, requestTimeoutSeconds: Int, onRefused: @escaping @Sendable (IngestError) -> Void) {
        self.maxMessageBytes = maxMessageBytes
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.onRefused = onRefused
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        guard !responseEnded else { return context.fireChannelRead(data) }
        let frame = unwrapInboundIn(data)
        do throws(GRPCMessageFraming.Problem) {
            switch frame {
            case .headers(var headers) where framing == nil:
                framing = GRPCMessageFraming(grpcEncoding: headers.headers.first(name: "grpc-encoding"), maxMessageBytes: maxMessageBytes)
                if !headers.endStream { startDeadline(context: context) }
                if headers.headers.contains(name: Self.grpcTimeout) {
                    headers.headers.remove(name: Self.grpcTimeout)
                    return context.fireChannelRead(wrapInboundOut(.headers(headers)))
                }
            case .headers(let trailers) where trailers.endStream:
                deadline?.cancel()
                try framing?.finish()
            case .data(let payload):
                guard case .byteBuffer(let buffer) = payload.data, var framing else { break }
                let rewritten = try framing.consume(buffer)
                if payload.endStream {
                    deadline?.cancel()
                    try framing.finish()
                }
                self.framing = framing
                guard let pieces = rewritten else { break }
                for (index, piece) in pieces.enumerated() {
                    let last = index == pieces.count - 1
                    context.fireChannelRead(wrapInboundOut(.data(.init(data: .byteBuffer(piece), endStream: last && payload.endStream))))
                }
                if pieces.isEmpty && payload.endStream {
                    context.fireChannelRead(wrapInboundOut(.data(.init(data: .byteBuffer(ByteBuffer()), endStream: true))))
                }
                return
            default:
                break
            }
            context.fireChannelRead(data)
        } catch {
            let (code, message) = error.status
            answer(code: code, message: message, counted: error.ingestError, context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    private func startDeadline(context: ChannelHandlerContext) {
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Int64(requestTimeoutSeconds))) { [self] in
            guard !responseEnded else { return }
            let message = "the request message did not arrive within \(requestTimeoutSeconds) seconds"
            answer(code: Self.deadlineExceeded, message: message, counted: .bodyTimedOut(seconds: requestTimeoutSeconds), context: context)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !answered else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        if case .headers(let headers) = unwrapOutboundIn(data) {
            responseStarted = true
            responseEnded = responseEnded || headers.endStream
        }
        context.write(data, promise: promise)
    }

    /// DEADLINE_EXCEEDED.
    static let deadlineExceeded = 4

    /// The client's deadline is not passed on to grpc-swift. For a call that carries one, grpc-swift runs a task
    /// group with a sleeping task beside the handler, only to set the call's cancellation flag when it fires;
    /// Export never reads that flag (a batch handed to the writer is committed whether or not the client still
    /// waits, and a client past its deadline has stopped waiting on its own). The request's own deadline is
    /// `--body-timeout`, timed above.
    static let grpcTimeout = "grpc-timeout"

    /// The trailers-only answer, then the stream is closed (a client still sending gets RST_STREAM after it).
    private func answer(code: Int, message: String, counted: IngestError, context: ChannelHandlerContext) {
        answered = true
        deadline?.cancel()
        onRefused(counted)
        var headers = HPACKHeaders()
        if !responseStarted {
            headers.add(name: ":status", value: "200")
            headers.add(name: "content-type", value: "application/grpc")
        }
        headers.add(name: "grpc-status", value: "\(code)")
        headers.add(name: "grpc-message", value: GRPCStatusMessage.percentEncoded(message))
        context.writeAndFlush(wrapOutboundOut(.headers(.init(headers: headers, endStream: true))), promise: nil)
        context.close(promise: nil)
    }
}

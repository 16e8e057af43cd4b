import NIOCore
import NIOHTTPTypes

/// Sits on each connection (after HTTP decoding) and tells the `ConnectionRegistry` when the connection opens,
/// when a request starts and ends, and when it closes. Passes everything through unchanged.
final class ConnectionSlotHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let registry: ConnectionRegistry
    private var registered = false

    init(registry: ConnectionRegistry) {
        self.registry = registry
    }

    // Handlers are added while the connection is being set up: it may or may not be active yet.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { register(context.channel) }
    }

    func channelActive(context: ChannelHandlerContext) {
        register(context.channel)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        registry.closed(context.channel)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        registry.closed(context.channel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { registry.requestStarted(context.channel) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { registry.requestFinished(context.channel) }
        context.write(data, promise: promise)
    }

    private func register(_ channel: any Channel) {
        guard !registered else { return }
        registered = true
        registry.opened(channel)
    }
}

@available(*, unavailable)
extension ConnectionSlotHandler: Sendable {}

import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import ServiceLifecycle

extension Collector {
    /// `--zipkin-listen`: Zipkin's routes alone on a port of their own, for senders that only know Zipkin's
    /// address. The same ingest controller (so the same queue, budget and limits), token and TLS as the main port.
    /// `onListening` receives the bound port (useful with port 0).
    static func zipkinServer(
        configuration: CollectorConfiguration, ingest: IngestController, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void
    ) throws -> (any Service)? {
        guard let address = configuration.zipkinAddress else { return nil }
        let router = Router()
        router.add(middleware: UnreadBodyMiddleware(configuration: configuration))
        if configuration.access.isEnabled { router.add(middleware: BearerAuthMiddleware(tokens: configuration.access)) }
        ingest.addZipkinRoutes(to: router)
        let connections = ConnectionRegistry(maxConnections: configuration.maxConnections, logger: logger)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionSlotHandler(registry: connections)],
            idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))
        let application = Application(
            router: router,
            server: try configuration.tls.map { try .tls(.http1(configuration: http1), tlsConfiguration: try TLSSetup.configuration($0)) }
                ?? .http1(configuration: http1),
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port), serverName: "tracetop-collector"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                // Not `address=`: the main port's line is the one scripts and tests look for.
                logger.info("zipkin listening", metadata: ["zipkinAddress": "\(address.host):\(port)"])
                await onListening(port)
            },
            logger: logger)
        return NamedListener(listener: application, flag: "--zipkin-listen", host: address.host, port: address.port)
    }
}

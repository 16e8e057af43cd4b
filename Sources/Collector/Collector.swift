import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import LogAggregator
import Logging
import NIOCore
import ServiceLifecycle
import TraceStore

/// Builds the collector: the store, the ingest writer, and the HTTP application serving ingest and queries.
/// The executable and the tests call this same function.
public enum Collector {
    /// Builds and runs until SIGTERM/SIGINT, then stops accepting, commits what was accepted and returns.
    public static func run(configuration: CollectorConfiguration, logger: Logger) async throws {
        let store = try await StoreFactory.open(for: configuration, logger: logger)
        try await buildApplication(configuration: configuration, store: store, logger: logger).runService()
    }

    /// `onListening` receives the bound port (useful with port 0).
    public static func buildApplication(
        configuration: CollectorConfiguration, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let store = try StoreFactory.store(for: configuration, logger: logger)
        return try buildApplication(configuration: configuration, store: store, logger: logger, onListening: onListening)
    }

    public static func buildApplication(
        configuration: CollectorConfiguration, store: any TraceStore, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let queue = IngestQueue(maxBytes: configuration.maxQueuedBytes, maxItems: configuration.maxQueuedRequests)
        let writer = IngestWriter(queue: queue, store: store, maxBatchItems: configuration.maxBatchItems, logger: logger)
        let retention = RetentionService(policy: configuration.retention, store: store, logger: logger)
        let router = Router()
        // First, so a request without the right token is refused before its body is read.
        if configuration.access.isEnabled { router.add(middleware: BearerAuthMiddleware(tokens: configuration.access)) }
        IngestController(
            // Bodies being read and decoded get the same byte budget as the queue behind them.
            queue: queue, store: store, admission: AdmissionControl(maxBytes: configuration.maxQueuedBytes),
            bodyReader: RequestBodyReader(maxBytes: configuration.maxBodyBytes, timeoutSeconds: configuration.bodyTimeoutSeconds),
            correlationKeys: configuration.correlationKeys, logger: logger
        ).addRoutes(to: router)
        QueryController(store: store, logger: logger).addRoutes(to: router)
        OpenAPIDocument.addRoute(to: router)
        let host = configuration.host
        let scheme = configuration.tls == nil ? "http" : "https"
        let idle = TimeAmount.seconds(Int64(configuration.idleTimeoutSeconds))
        let connections = ConnectionRegistry(maxConnections: configuration.maxConnections, logger: logger)
        let http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [ConnectionSlotHandler(registry: connections)], idleTimeout: idle)
        return Application(
            router: router,
            // HTTPS only when certificate and key are given: one port never speaks both.
            server: try configuration.tls.map { try .tls(.http1(configuration: http1), tlsConfiguration: try TLSSetup.configuration($0)) }
                ?? .http1(configuration: http1),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: "tracetop-collector"),
            services: [writer, retention],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.info("collector listening", metadata: [
                    "address": "\(host):\(port)", "scheme": "\(scheme)", "database": "\(StoreFactory.displayName(configuration.databasePath))",
                    "auth": "\(configuration.access.isEnabled ? "bearer token" : "none")",
                ])
                await onListening(port)
            },
            logger: logger
        )
    }
}

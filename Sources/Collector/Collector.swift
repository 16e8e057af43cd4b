import Hummingbird
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
        try await buildApplication(configuration: configuration, logger: logger).runService()
    }

    /// `onListening` receives the bound port (useful with port 0).
    public static func buildApplication(
        configuration: CollectorConfiguration, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let store = try SQLiteTraceStore(path: configuration.databasePath)
        return buildApplication(configuration: configuration, store: store, logger: logger, onListening: onListening)
    }

    public static func buildApplication(
        configuration: CollectorConfiguration, store: any TraceStore, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let queue = IngestQueue(maxBytes: configuration.maxQueuedBytes, maxItems: configuration.maxQueuedRequests)
        let writer = IngestWriter(queue: queue, store: store, maxBatchItems: configuration.maxBatchItems, logger: logger)
        let router = Router()
        IngestController(
            queue: queue, bodyReader: RequestBodyReader(maxBytes: configuration.maxBodyBytes),
            correlationKeys: configuration.correlationKeys, logger: logger
        ).addRoutes(to: router)
        QueryController(store: store, logger: logger).addRoutes(to: router)
        let host = configuration.host
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: "tracetop-collector"),
            services: [writer],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.info("collector listening", metadata: ["address": "\(host):\(port)", "database": "\(configuration.databasePath)"])
                await onListening(port)
            },
            logger: logger
        )
    }
}

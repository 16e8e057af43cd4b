import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle
import TraceStore

/// Builds the collector: the store, the ingest writer, and the HTTP application serving ingest and queries.
/// The executable and the tests call this same function.
package enum Collector {
    /// Builds and runs until SIGTERM/SIGINT, then stops accepting, commits what was accepted and returns.
    package static func run(configuration: CollectorConfiguration, logger: Logger, metrics: CollectorMetrics = CollectorMetrics())
        async throws
    {
        let store = try await StoreFactory.open(for: configuration, logger: logger)
        do {
            try await buildApplication(configuration: configuration, store: store, logger: logger, metrics: metrics).runService()
        } catch {
            throw ListenerError.translating(error, flag: "--listen", host: configuration.host, port: configuration.port)
        }
    }

    /// `onListening` receives the bound port (useful with port 0); `onGRPCListening` the OTLP/gRPC one,
    /// `onZipkinListening` the `--zipkin-listen` one.
    /// `metrics`: where the collector's own metrics go (`/metrics`); each collector gets its own unless given one.
    package static func buildApplication(
        configuration: CollectorConfiguration, logger: Logger, metrics: CollectorMetrics = CollectorMetrics(),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in },
        onGRPCListening: @escaping @Sendable (Int) async -> Void = { _ in },
        onZipkinListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let store = try StoreFactory.store(for: configuration, logger: logger)
        return try buildApplication(
            configuration: configuration, store: store, logger: logger, metrics: metrics, onListening: onListening,
            onGRPCListening: onGRPCListening, onZipkinListening: onZipkinListening)
    }

    package static func buildApplication(
        configuration: CollectorConfiguration, store: any TraceStore, logger: Logger, metrics: CollectorMetrics = CollectorMetrics(),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in },
        onGRPCListening: @escaping @Sendable (Int) async -> Void = { _ in },
        onZipkinListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let queue = IngestQueue(maxBytes: configuration.maxQueuedBytes, maxItems: configuration.maxQueuedRequests)
        let storeHealth = StoreHealth()
        var writer = IngestWriter(queue: queue, store: store, maxBatchItems: configuration.maxBatchItems, logger: logger)
        writer.observer = CommitObserver(health: storeHealth, metrics: metrics.commits)
        var retention = RetentionService(policy: configuration.retention, store: store, logger: logger)
        retention.metrics = metrics.retention
        let spaceLevels = SpaceLevels(store: store)
        retention.onSpaceMeasured = spaceLevels.record
        let router = Router()
        // Outermost, so refused requests are timed too.
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics.requests))
        // Next, so every refusal given before the body is read reaches the client (see the type).
        router.add(middleware: UnreadBodyMiddleware(configuration: configuration))
        // Before the routes, so a request without the right token is refused before its body is read.
        if configuration.access.isEnabled { router.add(middleware: BearerAuthMiddleware(tokens: configuration.access)) }
        // Bodies being read and decoded (over HTTP and gRPC alike) get the same byte budget as the queue behind them.
        let admission = AdmissionControl(maxBytes: configuration.maxQueuedBytes)
        var ingest = IngestController(
            queue: queue, store: store, admission: admission,
            bodyReader: RequestBodyReader(maxBytes: configuration.maxBodyBytes, timeoutSeconds: configuration.bodyTimeoutSeconds),
            correlationKeys: configuration.correlationKeys, logger: logger)
        ingest.metrics = metrics.ingest
        ingest.addRoutes(to: router)
        ingest.addZipkinRoutes(to: router)
        QueryController(store: store, logger: logger).addRoutes(to: router)
        V3QueryController(store: store, logger: logger).addRoutes(to: router)
        MetricsController(metrics: metrics, queue: queue, spaceLevels: spaceLevels).addRoutes(to: router)
        var readiness = Readiness(queue: queue, storeHealth: storeHealth, databasePath: configuration.databasePath)
        readiness.storeUnreachable = StoreFactory.reachability(of: store)
        HealthController(readiness: readiness).addRoutes(to: router)
        OpenAPIDocument.addRoute(to: router)
        let host = configuration.host
        let scheme = configuration.tls == nil ? "http" : "https"
        let idle = TimeAmount.seconds(Int64(configuration.idleTimeoutSeconds))
        let connections = ConnectionRegistry(maxConnections: configuration.maxConnections, logger: logger)
        let http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [ConnectionSlotHandler(registry: connections)], idleTimeout: idle)
        let zipkin = try zipkinServer(configuration: configuration, ingest: ingest, logger: logger, onListening: onZipkinListening)
        return Application(
            router: router,
            // HTTPS only when certificate and key are given: one port never speaks both.
            server: try configuration.tls.map { try .tls(.http1(configuration: http1), tlsConfiguration: try TLSSetup.configuration($0)) }
                ?? .http1(configuration: http1),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: "tracetop-collector"),
            // Services stop in reverse order: the Zipkin and gRPC ports (after the writer here) stop before the
            // writer, so requests they already took are committed rather than refused.
            services: ([writer, retention] as [any Service])
                + (zipkin.map { [$0] } ?? [])
                + GRPCIngestServer.configured(configuration, pipeline: ingest.pipeline, logger: logger, onListening: onGRPCListening),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.info(
                    "collector listening",
                    metadata: [
                        "address": "\(host):\(port)", "scheme": "\(scheme)",
                        "database": "\(StoreFactory.displayName(configuration.databasePath))",
                        "auth": "\(configuration.access.isEnabled ? "bearer token" : "none")"
                    ])
                await onListening(port)
            },
            logger: logger
        )
    }
}

import ArgumentParser
import Collector
import Foundation
import Logging
import Metrics
import Prometheus
import TraceModel
import TraceStore

/// `tracetop-collector`: parses flags (each with an environment variable) and runs the collector.
@main
struct TracetopCollectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracetop-collector",
        abstract:
            "Receives OpenTelemetry spans and logs over OTLP/HTTP (4318) and OTLP/gRPC (4317), and Zipkin spans (4318, or 9411 with --zipkin-listen), stores them in SQLite and answers queries."
    )

    @Option(
        help: ArgumentHelp(
            "Address for OTLP/HTTP, Zipkin, the query API, /metrics and health checks (default: \(defaultListen); env TRACETOP_LISTEN).",
            valueName: "host:port"))
    var listen: String?

    @Option(
        help: ArgumentHelp(
            "Also take Zipkin spans (POST /api/v2/spans, /api/v1/spans) on this address, Zipkin's port; usually 127.0.0.1:9411, off by default (env TRACETOP_ZIPKIN_LISTEN). The main port takes them too.",
            valueName: "host:port"))
    var zipkinListen: String?

    @Option(
        help: ArgumentHelp(
            "Address for OTLP/gRPC, or off (default: \(defaultGRPCListen); env TRACETOP_GRPC_LISTEN).", valueName: "host:port"))
    var grpcListen: String?

    @Option(
        help: ArgumentHelp(
            "SQLite database file, created if missing; or a PostgreSQL database several collectors share: postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=require] (default: \(CollectorDefaults.databasePath); env TRACETOP_DB).",
            valueName: "path|url"))
    var db: String?

    @Option(
        help: ArgumentHelp(
            "File whose first line is the PostgreSQL password, when the --db URL has none (env TRACETOP_DB_PASSWORD_FILE; else PGPASSWORD).",
            valueName: "path"))
    var dbPasswordFile: String?

    @Option(
        help: ArgumentHelp(
            "Largest request body in bytes after decompression (default: \(CollectorDefaults.maxBodyBytes); env TRACETOP_MAX_BODY_BYTES).",
            valueName: "bytes"))
    var maxBodyBytes: String?

    @Option(
        help: ArgumentHelp(
            "Bytes of accepted requests waiting to be written before new ones get 503 (default: \(CollectorDefaults.maxQueuedBytes); env TRACETOP_MAX_QUEUE_BYTES).",
            valueName: "bytes"))
    var maxQueueBytes: String?

    @Option(
        help: ArgumentHelp(
            "Comma-separated attribute keys that hold correlation ids (default: \(CorrelationKeys.defaultKeys.joined(separator: ",")); env TRACETOP_CORRELATION_KEYS).",
            valueName: "keys"))
    var correlationKeys: String?

    @Option(
        help: ArgumentHelp(
            "Comma-separated attribute keys tag searches find through an index; 'none' for none (default: \(AttributeIndexPolicy.defaultKeys.joined(separator: ",")); env TRACETOP_INDEXED_ATTRIBUTES). Other keys are found by reading spans.",
            valueName: "keys"))
    var indexedAttributes: String?

    @Option(
        help: ArgumentHelp(
            "Log level: trace, debug, info, notice, warning, error, critical (default: \(CollectorDefaults.logLevel); env TRACETOP_LOG_LEVEL).",
            valueName: "level"))
    var logLevel: String?

    @Option(
        help: ArgumentHelp(
            "Seconds a request body may take to arrive in full; slower ones get 408 (default: \(CollectorDefaults.bodyTimeoutSeconds); env TRACETOP_BODY_TIMEOUT).",
            valueName: "seconds"))
    var bodyTimeout: String?

    @Option(
        help: ArgumentHelp(
            "Seconds a connection may sit idle, or take to send a request's headers, before it is closed (default: \(CollectorDefaults.idleTimeoutSeconds); env TRACETOP_IDLE_TIMEOUT).",
            valueName: "seconds"))
    var idleTimeout: String?

    @Option(
        help: ArgumentHelp(
            "Open connections at most; past it the one waiting longest without a request is closed (default: \(CollectorDefaults.maxConnections); env TRACETOP_MAX_CONNECTIONS).",
            valueName: "count"))
    var maxConnections: String?

    @Option(
        help: ArgumentHelp(
            "Delete data older than this: a duration (\(DurationGrammar.unitsHelp)) such as 72h or 7d, or off (default: off; env TRACETOP_RETENTION).",
            valueName: "duration"))
    var retention: String?

    @Option(
        help: ArgumentHelp(
            "Delete the oldest data when the database file passes this size: 500MB, 10GB, … or off (default: \(CollectorDefaults.maxDatabaseSize); env TRACETOP_MAX_DB_SIZE).",
            valueName: "size"))
    var maxDbSize: String?

    @Option(
        help: ArgumentHelp(
            "SQLite's write-ahead log grows to this before it is copied into the database file: bigger is faster to ingest, costs that much disk and a longer pause when it is copied (default: 160MB, or an eighth of --max-db-size when less; env TRACETOP_MAX_LOG_SIZE).",
            valueName: "size"))
    var maxLogSize: String?

    @Option(
        help: ArgumentHelp(
            "Bearer token required for ingest and queries (env TRACETOP_AUTH_TOKEN). Prefer --auth-token-file: arguments are visible to other users.",
            valueName: "token"))
    var authToken: String?

    @Option(
        help: ArgumentHelp(
            "File whose first line is the bearer token for ingest and queries (env TRACETOP_AUTH_TOKEN_FILE).", valueName: "path"))
    var authTokenFile: String?

    @Option(help: ArgumentHelp("Token for ingest only, overriding --auth-token there (env TRACETOP_INGEST_TOKEN).", valueName: "token"))
    var ingestToken: String?

    @Option(help: ArgumentHelp("Token for queries only, overriding --auth-token there (env TRACETOP_QUERY_TOKEN).", valueName: "token"))
    var queryToken: String?

    @Option(help: ArgumentHelp("PEM certificate (chain) for HTTPS; needs --tls-key (env TRACETOP_TLS_CERT).", valueName: "path"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key for HTTPS (env TRACETOP_TLS_KEY).", valueName: "path"))
    var tlsKey: String?

    private static let defaultListen = "\(CollectorDefaults.host):\(CollectorDefaults.port)"
    private static let defaultGRPCListen = "\(CollectorDefaults.host):\(CollectorDefaults.grpcPort)"

    /// A flag's value, or its environment variable's when the flag is absent (for values taken as they are).
    private func flagOrEnvironment(_ flag: String?, _ variable: String) -> String? {
        Setting.optional(flag: flag, variable: variable)?.text
    }

    private var authTokenValue: String? { flagOrEnvironment(authToken, "TRACETOP_AUTH_TOKEN") }
    private var authTokenFileValue: String? { flagOrEnvironment(authTokenFile, "TRACETOP_AUTH_TOKEN_FILE") }
    private var tlsCertValue: String? { flagOrEnvironment(tlsCert, "TRACETOP_TLS_CERT") }
    private var tlsKeyValue: String? { flagOrEnvironment(tlsKey, "TRACETOP_TLS_KEY") }
    private var databaseValue: String { Setting(flag: db, variable: "TRACETOP_DB", default: CollectorDefaults.databasePath).text }
    private var listenValue: Setting { Setting(flag: listen, variable: "TRACETOP_LISTEN", default: Self.defaultListen) }
    private var grpcListenValue: Setting { Setting(flag: grpcListen, variable: "TRACETOP_GRPC_LISTEN", default: Self.defaultGRPCListen) }

    /// nil: the store's default. "off" is refused like any other non-size: the log cannot be switched off.
    private func maxLogBytes() throws -> Int? {
        try Setting.optional(flag: maxLogSize, variable: "TRACETOP_MAX_LOG_SIZE")?.value {
            try FlagValues.bytes($0, flag: "--max-log-size", canBeOff: false)
        }
    }

    /// The PostgreSQL password when the --db URL has none (see `DatabasePassword`).
    private func databasePassword() throws -> String? {
        do {
            return try DatabasePassword.resolve(
                url: databaseValue, passwordFile: flagOrEnvironment(dbPasswordFile, "TRACETOP_DB_PASSWORD_FILE"),
                environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("--db: \(error)")
        }
    }

    private func logLevelValue() throws -> Logger.Level {
        try Setting(flag: logLevel, variable: "TRACETOP_LOG_LEVEL", default: CollectorDefaults.logLevel).value { text in
            guard let level = Logger.Level(rawValue: text) else {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got '\(text)'")
            }
            return level
        }
    }

    /// A positive whole number from a flag or its variable: `--body-timeout 30`, `TRACETOP_BODY_TIMEOUT=30`.
    private func positiveInteger(_ flag: String?, _ variable: String, _ name: String, default fallback: Int, unit: String = "") throws
        -> Int
    {
        try Setting(flag: flag, variable: variable, default: String(fallback)).value {
            try FlagValues.positiveInteger($0, flag: name, unit: unit)
        }
    }

    /// Everything the flags and the environment say, each value checked by its flag's parser.
    private func configuration() throws -> CollectorConfiguration {
        let address = try listenValue.value { try ListenAddress($0) }
        let shared = try authTokenFileValue.map(FlagValues.token(fromFile:)) ?? authTokenValue
        let access = AccessTokens(
            ingest: flagOrEnvironment(ingestToken, "TRACETOP_INGEST_TOKEN") ?? shared,
            query: flagOrEnvironment(queryToken, "TRACETOP_QUERY_TOKEN") ?? shared)
        let retentionPolicy = RetentionPolicy(
            maxAgeNanos: try Setting(flag: retention, variable: "TRACETOP_RETENTION", default: "off").value {
                try FlagValues.duration($0, flag: "--retention")
            },
            maxDatabaseBytes: try Setting(flag: maxDbSize, variable: "TRACETOP_MAX_DB_SIZE", default: CollectorDefaults.maxDatabaseSize)
                .value {
                    try FlagValues.bytes($0, flag: "--max-db-size")
                })
        let keys = Setting(
            flag: correlationKeys, variable: "TRACETOP_CORRELATION_KEYS", default: CorrelationKeys.defaultKeys.joined(separator: ","))
        var configuration = CollectorConfiguration(
            host: address.host, port: address.port, databasePath: databaseValue,
            maxBodyBytes: try positiveInteger(
                maxBodyBytes, "TRACETOP_MAX_BODY_BYTES", "--max-body-bytes", default: CollectorDefaults.maxBodyBytes, unit: "bytes"),
            maxQueuedBytes: try positiveInteger(
                maxQueueBytes, "TRACETOP_MAX_QUEUE_BYTES", "--max-queue-bytes", default: CollectorDefaults.maxQueuedBytes, unit: "bytes"),
            correlationKeys: CorrelationKeys(FlagValues.list(keys.text)), access: access,
            tls: tlsCertValue.flatMap { cert in tlsKeyValue.map { TLSFiles(certificatePath: cert, privateKeyPath: $0) } },
            retention: retentionPolicy)
        configuration.bodyTimeoutSeconds = try positiveInteger(
            bodyTimeout, "TRACETOP_BODY_TIMEOUT", "--body-timeout", default: CollectorDefaults.bodyTimeoutSeconds, unit: "seconds")
        configuration.idleTimeoutSeconds = try positiveInteger(
            idleTimeout, "TRACETOP_IDLE_TIMEOUT", "--idle-timeout", default: CollectorDefaults.idleTimeoutSeconds, unit: "seconds")
        configuration.maxConnections = try positiveInteger(
            maxConnections, "TRACETOP_MAX_CONNECTIONS", "--max-connections", default: CollectorDefaults.maxConnections)
        let indexed = Setting(
            flag: indexedAttributes, variable: "TRACETOP_INDEXED_ATTRIBUTES",
            default: AttributeIndexPolicy.defaultKeys.joined(separator: ",")
        ).text
        configuration.indexedAttributes = indexed == "none" ? [] : FlagValues.list(indexed)
        configuration.writeAheadLogBytes = try maxLogBytes()
        configuration.zipkinAddress = try Setting(flag: zipkinListen, variable: "TRACETOP_ZIPKIN_LISTEN", default: "off").value {
            try ListenAddress.orOff($0, flag: "--zipkin-listen", example: "127.0.0.1:9411")
        }.map { ($0.host, $0.port) }
        if let grpc = try grpcListenValue.value({ try ListenAddress.orOff($0, flag: "--grpc-listen") }) {
            configuration.grpcHost = grpc.host
            configuration.grpcPort = grpc.port
        }
        configuration.databasePassword = try databasePassword()
        return configuration
    }

    func validate() throws {
        if authTokenValue != nil && authTokenFileValue != nil { throw ValidationError("give --auth-token or --auth-token-file, not both") }
        if (tlsCertValue == nil) != (tlsKeyValue == nil) {
            throw ValidationError("--tls-cert and --tls-key go together: give both or neither")
        }
        _ = try configuration()
        _ = try logLevelValue()
    }

    func run() async throws {
        MallocArenas.limitUnlessConfigured()
        var logger = Logger(label: "tracetop-collector")
        logger.logLevel = try logLevelValue()
        let configuration = try configuration()
        let access = configuration.access
        if !access.isEnabled && !["127.0.0.1", "localhost", "::1"].contains(configuration.host) {
            logger.warning(
                "listening beyond this machine without --auth-token: anyone who can reach it can read every trace",
                metadata: ["address": "\(listenValue.text)"])
        }
        if access.ingest == nil, configuration.grpcPort != nil, !["127.0.0.1", "localhost", "::1"].contains(configuration.grpcHost) {
            logger.warning(
                "OTLP/gRPC listens beyond this machine without an ingest token: anyone who can reach it can send data",
                metadata: ["address": "\(grpcListenValue.text)"])
        }
        // One registry for the process: the collector's metrics, and whatever libraries report through swift-metrics.
        let metrics = CollectorMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        try await Collector.run(configuration: configuration, logger: logger, metrics: metrics)
        logger.info("collector stopped")
    }
}

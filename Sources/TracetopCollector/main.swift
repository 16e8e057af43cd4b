import ArgumentParser
import Collector
import Foundation
import LogAggregator
import Logging
import Metrics
import Prometheus
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
            "Address for OTLP/HTTP, Zipkin, the query API, /metrics and health checks (env TRACETOP_LISTEN).", valueName: "host:port"))
    var listen: String = ProcessInfo.processInfo.environment["TRACETOP_LISTEN"] ?? "127.0.0.1:4318"

    @Option(
        help: ArgumentHelp(
            "Also take Zipkin spans (POST /api/v2/spans, /api/v1/spans) on this address, Zipkin's port; usually 127.0.0.1:9411, off by default (env TRACETOP_ZIPKIN_LISTEN). The main port takes them too.",
            valueName: "host:port"))
    var zipkinListen: String = ProcessInfo.processInfo.environment["TRACETOP_ZIPKIN_LISTEN"] ?? "off"
    @Option(help: ArgumentHelp("Address for OTLP/gRPC, or off (env TRACETOP_GRPC_LISTEN).", valueName: "host:port"))
    var grpcListen: String = ProcessInfo.processInfo.environment["TRACETOP_GRPC_LISTEN"] ?? "127.0.0.1:4317"

    @Option(
        help: ArgumentHelp(
            "SQLite database file, created if missing; or a PostgreSQL database several collectors share: postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=require] (env TRACETOP_DB).",
            valueName: "path|url"))
    var db: String = ProcessInfo.processInfo.environment["TRACETOP_DB"] ?? "./tracetop.db"

    @Option(
        help: ArgumentHelp(
            "File whose first line is the PostgreSQL password, when the --db URL has none (env TRACETOP_DB_PASSWORD_FILE; else PGPASSWORD).",
            valueName: "path"))
    var dbPasswordFile: String?

    @Option(help: ArgumentHelp("Largest request body in bytes after decompression (env TRACETOP_MAX_BODY_BYTES).", valueName: "bytes"))
    var maxBodyBytes: Int = Int(ProcessInfo.processInfo.environment["TRACETOP_MAX_BODY_BYTES"] ?? "") ?? 64 << 20

    @Option(
        help: ArgumentHelp(
            "Bytes of accepted requests waiting to be written before new ones get 503 (env TRACETOP_MAX_QUEUE_BYTES).", valueName: "bytes"))
    var maxQueueBytes: Int = Int(ProcessInfo.processInfo.environment["TRACETOP_MAX_QUEUE_BYTES"] ?? "") ?? 256 << 20

    @Option(
        help: ArgumentHelp("Comma-separated attribute keys that hold correlation ids (env TRACETOP_CORRELATION_KEYS).", valueName: "keys"))
    var correlationKeys: String =
        ProcessInfo.processInfo.environment["TRACETOP_CORRELATION_KEYS"] ?? CorrelationKeys.defaultKeys.joined(separator: ",")

    @Option(
        help: ArgumentHelp(
            "Comma-separated attribute keys tag searches find through an index; 'none' for none (env TRACETOP_INDEXED_ATTRIBUTES). Other keys are found by reading spans.",
            valueName: "keys"))
    var indexedAttributes: String =
        ProcessInfo.processInfo.environment["TRACETOP_INDEXED_ATTRIBUTES"] ?? AttributeIndexPolicy.defaultKeys.joined(separator: ",")

    @Option(
        help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical (env TRACETOP_LOG_LEVEL).", valueName: "level"))
    var logLevel: String = ProcessInfo.processInfo.environment["TRACETOP_LOG_LEVEL"] ?? "info"

    @Option(
        help: ArgumentHelp(
            "Seconds a request body may take to arrive in full; slower ones get 408 (env TRACETOP_BODY_TIMEOUT).", valueName: "seconds"))
    var bodyTimeout: Int = Int(ProcessInfo.processInfo.environment["TRACETOP_BODY_TIMEOUT"] ?? "") ?? 30

    @Option(
        help: ArgumentHelp(
            "Seconds a connection may sit idle, or take to send a request's headers, before it is closed (env TRACETOP_IDLE_TIMEOUT).",
            valueName: "seconds"))
    var idleTimeout: Int = Int(ProcessInfo.processInfo.environment["TRACETOP_IDLE_TIMEOUT"] ?? "") ?? 30

    @Option(
        help: ArgumentHelp(
            "Open connections at most; past it the one waiting longest without a request is closed (env TRACETOP_MAX_CONNECTIONS).",
            valueName: "count"))
    var maxConnections: Int = Int(ProcessInfo.processInfo.environment["TRACETOP_MAX_CONNECTIONS"] ?? "") ?? 1024

    @Option(help: ArgumentHelp("Delete data older than this: 72h, 7d, … or off (env TRACETOP_RETENTION).", valueName: "duration"))
    var retention: String = ProcessInfo.processInfo.environment["TRACETOP_RETENTION"] ?? "off"

    @Option(
        help: ArgumentHelp(
            "Delete the oldest data when the database file passes this size: 500MB, 10GB, … or off (env TRACETOP_MAX_DB_SIZE).",
            valueName: "size"))
    var maxDbSize: String = ProcessInfo.processInfo.environment["TRACETOP_MAX_DB_SIZE"] ?? "10GB"

    @Option(
        help: ArgumentHelp(
            "SQLite's write-ahead log grows to this before it is copied into the database file: bigger is faster to ingest, costs that much disk and a longer pause when it is copied (default 160MB, or an eighth of --max-db-size when less; env TRACETOP_MAX_LOG_SIZE).",
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

    /// A flag's value, or its environment variable's when the flag is absent.
    private func flagOrEnvironment(_ flag: String?, _ variable: String) -> String? {
        flag ?? ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    private var authTokenValue: String? { flagOrEnvironment(authToken, "TRACETOP_AUTH_TOKEN") }
    private var authTokenFileValue: String? { flagOrEnvironment(authTokenFile, "TRACETOP_AUTH_TOKEN_FILE") }
    private var tlsCertValue: String? { flagOrEnvironment(tlsCert, "TRACETOP_TLS_CERT") }
    private var tlsKeyValue: String? { flagOrEnvironment(tlsKey, "TRACETOP_TLS_KEY") }

    /// nil: the store's default. "off" is refused like any other non-size: the log cannot be switched off.
    private func maxLogBytes() throws -> Int? {
        guard let text = flagOrEnvironment(maxLogSize, "TRACETOP_MAX_LOG_SIZE") else { return nil }
        return try FlagValues.bytes(text, flag: "--max-log-size", canBeOff: false)
    }

    /// The PostgreSQL password when the --db URL has none (see `DatabasePassword`).
    private func databasePassword() throws -> String? {
        do {
            return try DatabasePassword.resolve(
                url: db, passwordFile: flagOrEnvironment(dbPasswordFile, "TRACETOP_DB_PASSWORD_FILE"),
                environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("--db: \(error)")
        }
    }

    func validate() throws {
        guard bodyTimeout > 0 else { throw ValidationError("--body-timeout must be a positive number of seconds, got \(bodyTimeout)") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be a positive number of seconds, got \(idleTimeout)") }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be a positive number, got \(maxConnections)") }
        _ = try FlagValues.duration(retention, flag: "--retention")
        _ = try FlagValues.bytes(maxDbSize, flag: "--max-db-size")
        _ = try maxLogBytes()
        if authTokenValue != nil && authTokenFileValue != nil { throw ValidationError("give --auth-token or --auth-token-file, not both") }
        if let file = authTokenFileValue { _ = try FlagValues.token(fromFile: file) }
        if (tlsCertValue == nil) != (tlsKeyValue == nil) {
            throw ValidationError("--tls-cert and --tls-key go together: give both or neither")
        }
        _ = try ListenAddress(listen)
        _ = try ListenAddress.orOff(zipkinListen, flag: "--zipkin-listen", example: "127.0.0.1:9411")
        _ = try ListenAddress.orOff(grpcListen, flag: "--grpc-listen")
        _ = try databasePassword()
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be a positive number of bytes, got \(maxBodyBytes)") }
        guard maxQueueBytes > 0 else { throw ValidationError("--max-queue-bytes must be a positive number of bytes, got \(maxQueueBytes)") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got '\(logLevel)'")
        }
    }

    func run() async throws {
        let address = try ListenAddress(listen)
        var logger = Logger(label: "tracetop-collector")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let keys = FlagValues.list(correlationKeys)
        let shared = try authTokenFileValue.map(FlagValues.token(fromFile:)) ?? authTokenValue
        let access = AccessTokens(
            ingest: flagOrEnvironment(ingestToken, "TRACETOP_INGEST_TOKEN") ?? shared,
            query: flagOrEnvironment(queryToken, "TRACETOP_QUERY_TOKEN") ?? shared)
        let retentionPolicy = RetentionPolicy(
            maxAgeNanos: try FlagValues.duration(retention, flag: "--retention"),
            maxDatabaseBytes: try FlagValues.bytes(maxDbSize, flag: "--max-db-size"))
        var configuration = CollectorConfiguration(
            host: address.host, port: address.port, databasePath: db, maxBodyBytes: maxBodyBytes,
            maxQueuedBytes: maxQueueBytes, correlationKeys: CorrelationKeys(keys), access: access,
            tls: tlsCertValue.flatMap { cert in tlsKeyValue.map { TLSFiles(certificatePath: cert, privateKeyPath: $0) } },
            retention: retentionPolicy)
        configuration.bodyTimeoutSeconds = bodyTimeout
        configuration.indexedAttributes = indexedAttributes == "none" ? [] : FlagValues.list(indexedAttributes)
        configuration.idleTimeoutSeconds = idleTimeout
        configuration.maxConnections = maxConnections
        configuration.writeAheadLogBytes = try maxLogBytes()
        configuration.zipkinAddress = try ListenAddress.orOff(zipkinListen, flag: "--zipkin-listen", example: "127.0.0.1:9411").map {
            ($0.host, $0.port)
        }
        if let grpc = try ListenAddress.orOff(grpcListen, flag: "--grpc-listen") {
            configuration.grpcHost = grpc.host
            configuration.grpcPort = grpc.port
        }
        configuration.databasePassword = try databasePassword()
        if !access.isEnabled && !["127.0.0.1", "localhost", "::1"].contains(address.host) {
            logger.warning(
                "listening beyond this machine without --auth-token: anyone who can reach it can read every trace",
                metadata: ["address": "\(listen)"])
        }
        if access.ingest == nil, configuration.grpcPort != nil, !["127.0.0.1", "localhost", "::1"].contains(configuration.grpcHost) {
            logger.warning(
                "OTLP/gRPC listens beyond this machine without an ingest token: anyone who can reach it can send data",
                metadata: ["address": "\(grpcListen)"])
        }
        // One registry for the process: the collector's metrics, and whatever libraries report through swift-metrics.
        let metrics = CollectorMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        try await Collector.run(configuration: configuration, logger: logger, metrics: metrics)
        logger.info("collector stopped")
    }
}

/// `host:port`, with a clear error for anything else.
struct ListenAddress {
    var host: String
    var port: Int

    init(_ text: String, flag: String = "--listen", example: String = "127.0.0.1:4318") throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("\(flag) must be host:port (for example \(example)), got '\(text)'")
        }
        host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = port
        if host.isEmpty { throw ValidationError("\(flag) needs a host before the port (for example \(example)), got '\(text)'") }
    }

    /// `host:port`, or nil for `off` (also `none` or nothing).
    static func orOff(_ text: String, flag: String, example: String = "127.0.0.1:4317") throws -> ListenAddress? {
        guard !["off", "none", ""].contains(text.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
        do {
            return try ListenAddress(text, flag: flag, example: example)
        } catch {
            throw ValidationError("\(flag) must be host:port (for example \(example)) or off, got '\(text)'")
        }
    }
}

/// Flag values with units: `--retention 72h`, `--max-db-size 10GB`. Each parser names the flag in its error.
enum FlagValues {
    /// `a, b,c` → ["a", "b", "c"]: spaces around commas and empty items ignored.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `90s`, `30m`, `72h`, `7d`, or `off`; returned as nanoseconds (nil for off).
    static func duration(_ text: String, flag: String) throws -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if ["off", "none", "0", ""].contains(trimmed) { return nil }
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let units: [String: Double] = ["s": 1e9, "m": 60e9, "h": 3600e9, "d": 86400e9, "w": 604800e9]
        guard let number = Double(digits), number > 0, let scale = units[String(trimmed.dropFirst(digits.count))],
            number * scale < 1.8e19
        else {
            throw ValidationError("\(flag) must be a duration such as 90s, 30m, 72h or 7d (or off), got '\(text)'")
        }
        return UInt64(number * scale)
    }

    /// `500MB`, `10GB`, `1TB`, `1048576` (bytes), or `off`; decimal units (GB = 10^9), binary with `GiB`.
    static func bytes(_ text: String, flag: String, canBeOff: Bool = true) throws -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if canBeOff, ["off", "none", "0", ""].contains(trimmed) { return nil }
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let units: [String: Double] = [
            "": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
            "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776
        ]
        let unit = String(trimmed.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces)
        guard let number = Double(digits), number > 0, let scale = units[unit], number * scale < 9e18, number * scale >= 1_048_576 else {
            throw ValidationError(
                "\(flag) must be a size of at least 1MB such as 500MB or 10GB\(canBeOff ? " (or off)" : ""), got '\(text)'")
        }
        return Int(number * scale)
    }

    /// A token read from a file (its first line, surrounding whitespace removed): keeps it out of `ps`.
    static func token(fromFile path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("--auth-token-file: cannot read '\(path)'")
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !token.isEmpty else { throw ValidationError("--auth-token-file: '\(path)' holds no token") }
        return token
    }
}

import ArgumentParser
import Collector
import Foundation
import LogAggregator
import Logging

/// `tracetop-collector`: parses flags (each with an environment variable) and runs the collector.
@main
struct TracetopCollectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracetop-collector",
        abstract: "Receives OpenTelemetry spans and logs over OTLP/HTTP, stores them in SQLite and answers queries.")

    @Option(help: ArgumentHelp("Address to listen on (env TRACETOP_LISTEN).", valueName: "host:port"))
    var listen: String = ProcessInfo.processInfo.environment["TRACETOP_LISTEN"] ?? "127.0.0.1:4318"

    @Option(help: ArgumentHelp("SQLite database file, created if missing (env TRACETOP_DB).", valueName: "path"))
    var db: String = ProcessInfo.processInfo.environment["TRACETOP_DB"] ?? "./tracetop.db"

    @Option(help: ArgumentHelp("Largest request body in bytes after decompression (env TRACETOP_MAX_BODY_BYTES).", valueName: "bytes"))
    var maxBodyBytes: Int = Int(ProcessInfo.processInfo.environment["TRACETOP_MAX_BODY_BYTES"] ?? "") ?? 64 << 20

    @Option(help: ArgumentHelp("Bytes of accepted requests waiting to be written before new ones get 503 (env TRACETOP_MAX_QUEUE_BYTES).", valueName: "bytes"))
    var maxQueueBytes: Int = Int(ProcessInfo.processInfo.environment["TRACETOP_MAX_QUEUE_BYTES"] ?? "") ?? 256 << 20

    @Option(help: ArgumentHelp("Comma-separated attribute keys that hold correlation ids (env TRACETOP_CORRELATION_KEYS).", valueName: "keys"))
    var correlationKeys: String = ProcessInfo.processInfo.environment["TRACETOP_CORRELATION_KEYS"] ?? CorrelationKeys.defaultKeys.joined(separator: ",")

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical (env TRACETOP_LOG_LEVEL).", valueName: "level"))
    var logLevel: String = ProcessInfo.processInfo.environment["TRACETOP_LOG_LEVEL"] ?? "info"

    func validate() throws {
        _ = try ListenAddress(listen)
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
        let keys = correlationKeys.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let configuration = CollectorConfiguration(
            host: address.host, port: address.port, databasePath: db, maxBodyBytes: maxBodyBytes,
            maxQueuedBytes: maxQueueBytes, correlationKeys: CorrelationKeys(keys))
        try await Collector.run(configuration: configuration, logger: logger)
        logger.info("collector stopped")
    }
}

/// `host:port`, with a clear error for anything else.
struct ListenAddress {
    var host: String
    var port: Int

    init(_ text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen must be host:port (for example 127.0.0.1:4318), got '\(text)'")
        }
        host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = port
        if host.isEmpty { throw ValidationError("--listen needs a host before the port (for example 127.0.0.1:4318), got '\(text)'") }
    }
}

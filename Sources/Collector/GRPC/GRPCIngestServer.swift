import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// OTLP/gRPC on its own port (`--grpc-listen`, 4317 by default): grpc-swift's HTTP/2 server, run as a service in
/// the collector's group beside the HTTP server, so SIGTERM drains both. gzip is on (OTLP requires it; the
/// transport's default is none). A message may be as large as `--max-body-bytes` after decompression; the
/// decoder answers RESOURCE_EXHAUSTED past it. grpc-swift 2.9.2 answers a framing it cannot decode (a message
/// over *its* limit, one it cannot decompress, a compressed flag without grpc-encoding) by resetting the stream,
/// which clients read as CANCELLED and retry; `GRPCFramingGuard` checks the framing first and answers with a
/// status. The transport's own limit sits at twice ours, so it never fires first.
struct GRPCIngestServer: Service {
    let host: String
    let port: Int
    let service: OTLPGRPCService
    let maxMessageBytes: Int
    /// How long a stream may take to deliver its request (`--body-timeout`).
    let requestTimeoutSeconds: Int
    let tls: TLSFiles?
    let idleTimeout: Duration
    let logger: Logger
    let onListening: @Sendable (Int) async -> Void

    /// Streams at once per connection: gRPC's usual 100, so a client cannot open unbounded handlers.
    static let maxConcurrentStreams = 100

    func run() async throws {
        let loops = MultiThreadedEventLoopGroup.singletonMultiThreadedEventLoopGroup
        let transport = HTTP2ServerTransport.Posix(
            address: socketAddress, transportSecurity: transportSecurity, config: config, eventLoopGroup: loops)
        let server = GRPCServer(transport: transport, services: [service])
        let executor = EventLoopTaskExecutor.following(loops)
        do {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    try await withGracefulShutdownHandler {
                        // Every task grpc-swift starts for a connection or a call is a child of this one and
                        // inherits the preference.
                        try await withTaskExecutorPreference(executor) { try await server.serve() }
                    } onGracefulShutdown: {
                        server.beginGracefulShutdown()
                    }
                }
                // Throws when the bind failed; `serve` then throws the reason, which is the one reported.
                if let bound = try? await transport.listeningAddress {
                    let port = bound.ipv4?.port ?? bound.ipv6?.port ?? port
                    logger.info(
                        "collector listening for OTLP/gRPC",
                        metadata: ["grpc": "\(host):\(port)", "scheme": "\(tls == nil ? "http" : "https")"])
                    await onListening(port)
                }
            }
        } catch {
            throw ListenerError.translating(error, flag: "--grpc-listen", host: host, port: port)
        }
    }

    private var socketAddress: GRPCNIOTransportCore.SocketAddress {
        let host = host == "localhost" ? "127.0.0.1" : host
        return host.contains(":") ? .ipv6(host: host, port: port) : .ipv4(host: host, port: port)
    }

    /// The same certificate and key as HTTPS (`--tls-cert`/`--tls-key`); they were read once already by the
    /// HTTP side, whose errors name the file.
    private var transportSecurity: HTTP2ServerTransport.Posix.TransportSecurity {
        guard let tls else { return .plaintext }
        return .tls(
            certificateChain: [.file(path: tls.certificatePath, format: .pem)], privateKey: .file(path: tls.privateKeyPath, format: .pem))
    }

    private var config: HTTP2ServerTransport.Posix.Config {
        .defaults { config in
            config.compression.enabledAlgorithms = .all
            config.rpc.maxRequestPayloadSize = maxMessageBytes > Int.max / 2 ? Int.max : maxMessageBytes * 2
            config.http2.maxConcurrentStreams = Self.maxConcurrentStreams
            // HTTP/2's default window (64 KiB) makes a client wait a round trip for every 64 KiB of a request:
            // an export of 512 spans is ~150 KiB. The message limit, not the window, bounds what a stream holds.
            config.http2.targetWindowSize = 4 << 20
            config.http2.maxFrameSize = 1 << 18
            config.connection.maxIdleTime = idleTimeout
            // Each Export answer is one write already (the methods are declared unary), so delaying flushes to
            // coalesce them only adds a timer and an event-loop wake-up per call.
            config.connection.flushCoalescing = nil
            // The only hook grpc-swift gives into a stream's pipeline: the framing check goes in front of its handler.
            config.channelDebuggingCallbacks.onAcceptHTTP2Stream = {
                [maxMessageBytes, requestTimeoutSeconds, metrics = service.pipeline.metrics] channel in
                channel.eventLoop.makeCompletedFuture {
                    let check = GRPCFramingGuard(maxMessageBytes: maxMessageBytes, requestTimeoutSeconds: requestTimeoutSeconds) {
                        metrics?.refused(transport: OTLPGRPCService.transport, error: $0)
                    }
                    try channel.pipeline.syncOperations.addHandler(check, position: .first)
                }
            }
        }
    }
}

extension GRPCIngestServer {
    /// The server `configuration` asks for: none when `--grpc-listen off`.
    static func configured(
        _ configuration: CollectorConfiguration, pipeline: IngestPipeline, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void
    ) -> [any Service] {
        guard let port = configuration.grpcPort else { return [] }
        let service = OTLPGRPCService(pipeline: pipeline, tokens: configuration.access, maxMessageBytes: configuration.maxBodyBytes)
        return [
            GRPCIngestServer(
                host: configuration.grpcHost, port: port, service: service, maxMessageBytes: configuration.maxBodyBytes,
                requestTimeoutSeconds: configuration.bodyTimeoutSeconds, tls: configuration.tls,
                idleTimeout: .seconds(configuration.idleTimeoutSeconds), logger: logger, onListening: onListening)
        ]
    }
}

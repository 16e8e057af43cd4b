import Hummingbird
import Logging
import NIOCore

/// Runs a Hummingbird application on 127.0.0.1 (port 0) inside the benchmark's process for the length of `body`.
enum InProcessServer {
    struct NotStarted: Error {}

    static func with<App: ApplicationProtocol, T: Sendable>(
        _ makeApplication: (_ onListening: @escaping @Sendable (Int) async -> Void) throws -> App,
        _ body: (Int) async throws -> T
    ) async throws -> T {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = try makeApplication { port in portContinuation.yield(port) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw NotStarted() }
            defer { group.cancelAll() }
            return try await body(port)
        }
    }

    /// Several applications at once (each on a port of its own), for the length of `body`.
    static func with<App: ApplicationProtocol, T: Sendable>(
        all makeApplications: [(_ onListening: @escaping @Sendable (Int) async -> Void) throws -> App],
        _ body: ([Int]) async throws -> T
    ) async throws -> T {
        guard let first = makeApplications.first else { return try await body([]) }
        return try await with(first) { port in
            try await with(all: Array(makeApplications.dropFirst())) { ports in try await body([port] + ports) }
        }
    }

    /// Quiet: cancelling a server at the end of a phase logs errors that mean nothing here.
    static var quietLogger: Logger {
        var logger = Logger(label: "tracetop-bench")
        logger.logLevel = .critical
        return logger
    }
}

/// The no-op endpoint: the same server stack (Hummingbird HTTP/1.1) reading the whole body and answering `{}`,
/// without decoding or storing. Its rate is the ceiling HTTP alone puts on ingest.
enum NoopEndpoint {
    static func application(onListening: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let router = Router()
        router.post("/v1/traces") { request, _ -> Response in
            var request = request
            _ = try await request.collectBody(upTo: 64 << 20)
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "tracetop-bench-noop"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: InProcessServer.quietLogger)
    }
}

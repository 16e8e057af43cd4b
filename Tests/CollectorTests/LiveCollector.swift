import Collector
import Foundation
import Hummingbird
import Logging
import TraceStore
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real collector, in process, on 127.0.0.1 with a free port and a fresh SQLite file.
struct LiveCollector {
    let port: Int
    let store: SQLiteTraceStore
    let databasePath: String
    /// OTLP/gRPC's port (a free one; 0 when a test configured gRPC off).
    var grpcPort = 0
    /// The `--zipkin-listen` port, when the configuration asks for one (port 0 gets a free one).
    var zipkinPort = 0

    var base: String { "http://127.0.0.1:\(port)" }
    var grpcEndpoint: String { "http://127.0.0.1:\(grpcPort)" }

    /// Runs `body` against a started collector, then shuts it down gracefully. `prepare` gets the store before the
    /// collector (and its background services) start, to fill it.
    static func with<T: Sendable>(
        configure: (inout CollectorConfiguration) -> Void = { _ in },
        prepare: (SQLiteTraceStore) async throws -> Void = { _ in },
        _ body: @Sendable (LiveCollector) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = CollectorConfiguration(port: 0, databasePath: directory.appendingPathComponent("live.db").path)
        configuration.grpcPort = 0
        configure(&configuration)
        let store = try SQLiteTraceStore(path: configuration.databasePath)
        try await prepare(store)
        var logger = Logger(label: "test-collector")
        logger.logLevel = .critical  // cancelling the server at the end of a test logs errors that mean nothing here
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let (grpcPortStream, grpcPortContinuation) = AsyncStream.makeStream(of: Int.self)
        let (zipkinPortStream, zipkinPortContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = try Collector.buildApplication(
            configuration: configuration, store: store, logger: logger, onListening: { portContinuation.yield($0) },
            onGRPCListening: { grpcPortContinuation.yield($0) }, onZipkinListening: { zipkinPortContinuation.yield($0) })
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = portStream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw StoreError("collector did not start") }
            var live = LiveCollector(port: port, store: store, databasePath: configuration.databasePath)
            if configuration.grpcPort != nil {
                var grpcIterator = grpcPortStream.makeAsyncIterator()
                guard let grpcPort = await grpcIterator.next() else { throw StoreError("the gRPC server did not start") }
                live.grpcPort = grpcPort
            }
            if configuration.zipkinAddress != nil {
                var zipkinIterator = zipkinPortStream.makeAsyncIterator()
                guard let zipkinPort = await zipkinIterator.next() else { throw StoreError("the Zipkin port did not open") }
                live.zipkinPort = zipkinPort
            }
            do {
                let result = try await body(live)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}

struct StoreError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A plain HTTP exchange for tests: what was sent, what came back.
struct HTTPExchange: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    func json() throws -> Any { try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

enum HTTP {
    static func send(
        _ method: String, _ url: String, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> HTTPExchange {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 30
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var responseHeaders: [String: String] = [:]
        for (name, value) in http.allHeaderFields { responseHeaders["\(name)"] = "\(value)" }
        return HTTPExchange(status: http.statusCode, headers: responseHeaders, body: data)
    }

    static func post(_ url: String, json: Data, headers: [String: String] = [:]) async throws -> HTTPExchange {
        try await send("POST", url, body: json, headers: ["Content-Type": "application/json"].merging(headers) { $1 })
    }

    static func get(_ url: String) async throws -> HTTPExchange { try await send("GET", url) }
}

/// Paths to files beside the repository: the shared samples and the project's fixtures.
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/otlp-samples")
    static let fixtures = packageRoot.appendingPathComponent("fixtures")

    static func sample(_ name: String) throws -> Data { try Data(contentsOf: samples.appendingPathComponent(name)) }
}

/// Runs blocking work (child processes, pipes) on a thread of its own, so it never starves Swift's
/// cooperative pool — which the in-process collector needs to answer the very requests being waited on.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

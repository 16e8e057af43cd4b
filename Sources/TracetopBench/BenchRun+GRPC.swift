import Collector
import Foundation
import TraceStore

/// OTLP/gRPC ingest beside OTLP/HTTP with protobuf bodies: the same requests, the same clients, each into an empty
/// database for `--duration` seconds. The target: gRPC at least as fast as HTTP protobuf.
extension BenchRun {
    mutating func measureGRPCIngest() async throws {
        let workload = self.workload!, options = self.options
        progress("encoding the workload as protobuf for the HTTP-protobuf and gRPC phases…")
        let bodies = workload.traces.map { ProtobufReplayBody($0, correlation: workload.correlation) }

        progress("ingest over HTTP with protobuf bodies for \(options.duration) s with \(options.clients) clients…")
        let (http, httpCPU) = try await Self.withCollector(path: directory + "/http-protobuf.db") { port, _ in
            var driver = LoadDriver(port: port, path: "/v1/traces", workload: workload, clients: options.clients)
            driver.protobufBodies = bodies
            return await Self.timingCPU { await driver.run(firstRequest: 0, maxRequests: Int.max / 2, seconds: options.duration) }
        }
        try http.check("HTTP protobuf ingest")
        // Spans per CPU-second of the whole process (collector and clients): steadier than spans/s on a shared machine.
        let httpPerCPU = Double(http.spans) / httpCPU
        progress(
            String(
                format: "  %.0f spans/s (%d retries after 503), %.0f spans per CPU second", http.spansPerSecond, http.retries, httpPerCPU))

        progress("ingest over OTLP/gRPC for \(options.duration) s with \(options.clients) clients…")
        let (grpc, grpcCPU) = try await Self.withCollector(path: directory + "/grpc.db") { _, grpcPort in
            await Self.timingCPU {
                await GRPCLoadDriver(port: grpcPort, workload: workload, bodies: bodies, clients: options.clients)
                    .run(firstRequest: 0, seconds: options.duration)
            }
        }
        try grpc.check("gRPC ingest")
        let grpcPerCPU = Double(grpc.spans) / grpcCPU
        progress(
            String(
                format: "  %.0f spans/s (%d retries after UNAVAILABLE), %.0f spans per CPU second", grpc.spansPerSecond, grpc.retries,
                grpcPerCPU))

        table.add(
            "ingest over OTLP/HTTP protobuf, empty database, \(options.clients) clients, \(Int(options.duration)) s",
            http.spansPerSecond, unit: "spans/s", goal: .none,
            limit: String(format: "acknowledged after %.1f ms (median)", http.acknowledgementMillis(at: 0.5)))
        table.add(
            "ingest over OTLP/gRPC, empty database, \(options.clients) clients, \(Int(options.duration)) s",
            grpc.spansPerSecond, unit: "spans/s", goal: .atLeast(http.spansPerSecond),
            limit: String(
                format: "acknowledged after %.1f ms (median); %.0f spans per CPU second, ÷ HTTP's %.0f = %.2f; ratio: ÷ HTTP protobuf",
                grpc.acknowledgementMillis(at: 0.5), grpcPerCPU, httpPerCPU, grpcPerCPU / httpPerCPU),
            ratio: grpc.spansPerSecond / http.spansPerSecond)
    }

    /// What `body` returns, and the process's CPU seconds while it ran.
    private static func timingCPU<T: Sendable>(_ body: () async -> T) async -> (T, Double) {
        let before = processCPUSeconds()
        let result = await body()
        return (result, processCPUSeconds() - before)
    }

    /// A collector with OTLP/gRPC on, on fresh files, for the length of `body` (given the HTTP and gRPC ports).
    private static func withCollector<T: Sendable>(path: String, _ body: @Sendable (Int, Int) async throws -> T) async throws -> T {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var configuration = CollectorConfiguration(port: 0, databasePath: path)
        configuration.grpcPort = 0
        let store = try SQLiteTraceStore(path: path)
        let (grpcPorts, grpcContinuation) = AsyncStream.makeStream(of: Int.self)
        return try await InProcessServer.with({ onListening in
            try Collector.buildApplication(
                configuration: configuration, store: store, logger: InProcessServer.quietLogger, onListening: onListening,
                onGRPCListening: { grpcContinuation.yield($0) })
        }) { port in
            var iterator = grpcPorts.makeAsyncIterator()
            guard let grpcPort = await iterator.next() else { throw BenchFailure("the gRPC server did not start") }
            return try await body(port, grpcPort)
        }
    }
}

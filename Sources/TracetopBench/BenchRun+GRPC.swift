import Collector
import Foundation
import TraceStore

/// OTLP/gRPC ingest beside OTLP/HTTP with protobuf bodies: the same requests and the same clients, into one
/// collector with both doors open. The target: gRPC at least as fast as HTTP protobuf.
///
/// Both doors lead to the same decoder and the same writer, which is what bounds either, so their rates differ by
/// less than one phase differs from the next on this shared machine (±8 %, whatever is measured): two long phases,
/// one per door, gave ratios from 0.79 to 1.23 over eleven runs of the same build. So the figure is the median of
/// many short pairs in alternating order (`PairedRatios`, as the scrape cost is measured), beside a control of
/// HTTP ÷ HTTP pairs run the same way, which shows the spread the method itself has today, and the CPU each door
/// spent per span over all its phases.
extension BenchRun {
    /// Seconds per phase: short, so that many pairs fit in about twice `--duration` (60 s gives 3 s phases). Ten
    /// pairs of 4 s gave medians of 0.997–1.093 over six runs of one build; twenty halve the spread of a median.
    private var grpcPhaseSeconds: Double { options.quick ? 0.5 : min(max(options.duration / 20, 1), 3) }
    private var grpcPairCount: Int { options.quick ? 2 : 20 }
    private var grpcControlPairCount: Int { options.quick ? 2 : 6 }

    private enum Door: Equatable {
        case http
        case grpc
    }

    private struct DoorFigures {
        var ratios = PairedRatios()
        var control = PairedRatios()
        var rates: [Door: [Double]] = [:]
        var spans: [Door: Int] = [:]
        var cpuSeconds: [Door: Double] = [:]
        var acknowledgementMillis: [Door: [Double]] = [:]
        var retries: [Door: Int] = [:]

        func median(_ door: Door) -> Double { Statistics.median(rates[door] ?? []) }
        func median(acknowledgementOf door: Door) -> Double { Statistics.median(acknowledgementMillis[door] ?? []) }
        func spansPerCPUSecond(_ door: Door) -> Double { Double(spans[door] ?? 0) / max(cpuSeconds[door] ?? 0, 1e-9) }
    }

    mutating func measureGRPCIngest() async throws {
        let workload = self.workload!, options = self.options
        progress("encoding the workload as protobuf for the HTTP-protobuf and gRPC phases…")
        let bodies = workload.traces.map { ProtobufReplayBody($0, correlation: workload.correlation) }
        let phase = grpcPhaseSeconds, pairs = grpcPairCount, controlPairs = grpcControlPairCount
        progress(
            "ingest over HTTP protobuf and over OTLP/gRPC: \(pairs) pairs of \(phase) s phases, order alternating, and "
                + "\(controlPairs) HTTP ÷ HTTP control pairs, \(options.clients) clients…")
        let figures = try await Self.withCollector(path: directory + "/grpc.db") { port, grpcPort in
            var figures = DoorFigures()
            var next = 0
            /// The phase's spans/s; its figures kept with the door's when `counted` (not for warm-up and control).
            func ingest(_ door: Door, counted: Bool = true) async throws -> Double {
                let (outcome, cpu) = await Self.timingCPU {
                    switch door {
                    case .http:
                        var driver = LoadDriver(port: port, path: "/v1/traces", workload: workload, clients: options.clients)
                        driver.protobufBodies = bodies
                        return await driver.run(firstRequest: next, maxRequests: Int.max / 2, seconds: phase)
                    case .grpc:
                        return await GRPCLoadDriver(port: grpcPort, workload: workload, bodies: bodies, clients: options.clients)
                            .run(firstRequest: next, seconds: phase)
                    }
                }
                try outcome.check(door == .http ? "HTTP protobuf ingest" : "gRPC ingest")
                // New trace ids in every phase: a ticket taken at the deadline may not have been counted.
                next += outcome.requests + options.clients
                guard counted else { return outcome.spansPerSecond }
                figures.rates[door, default: []].append(outcome.spansPerSecond)
                figures.spans[door, default: 0] += outcome.spans
                figures.cpuSeconds[door, default: 0] += cpu
                figures.acknowledgementMillis[door, default: []].append(outcome.acknowledgementMillis(at: 0.5))
                figures.retries[door, default: 0] += outcome.retries
                return outcome.spansPerSecond
            }
            // Warm-up, one phase per door: the first seconds of a new file run faster.
            _ = try await ingest(.http, counted: false)
            _ = try await ingest(.grpc, counted: false)
            for pair in 0..<pairs {
                // Alternating which goes first: the second of a pair runs measurably faster either way.
                let grpcFirst = pair % 2 == 1
                let first = try await ingest(grpcFirst ? .grpc : .http)
                let second = try await ingest(grpcFirst ? .http : .grpc)
                figures.ratios.add(treated: grpcFirst ? first : second, untreated: grpcFirst ? second : first)
            }
            for pair in 0..<controlPairs {
                let first = try await ingest(.http, counted: false)
                let second = try await ingest(.http, counted: false)
                // "Treated" alternating between first and second, as in the measured pairs.
                figures.control.add(treated: pair % 2 == 1 ? first : second, untreated: pair % 2 == 1 ? second : first)
            }
            return figures
        }
        progress("  gRPC ÷ HTTP protobuf: \(figures.ratios.summary); control HTTP ÷ HTTP: \(figures.control.summary)")
        progress(
            String(
                format: "  HTTP protobuf %.0f spans/s, gRPC %.0f spans/s (medians); %.0f and %.0f spans per CPU second",
                figures.median(.http), figures.median(.grpc), figures.spansPerCPUSecond(.http), figures.spansPerCPUSecond(.grpc)))
        let phases = "\(options.clients) clients, median of \(pairs) phases of \(phase) s"
        table.add(
            "ingest over OTLP/HTTP protobuf, \(phases)", figures.median(.http), unit: "spans/s", goal: .none,
            limit: String(
                format: "acknowledged after %.1f ms (median); %d retries after 503", figures.median(acknowledgementOf: .http),
                figures.retries[.http] ?? 0))
        table.add(
            "ingest over OTLP/gRPC, \(phases)", figures.median(.grpc), unit: "spans/s", goal: .none,
            limit: String(
                format: "acknowledged after %.1f ms (median); %d retries after UNAVAILABLE", figures.median(acknowledgementOf: .grpc),
                figures.retries[.grpc] ?? 0))
        table.add(
            "ingest over OTLP/gRPC ÷ over OTLP/HTTP protobuf, median of \(pairs) alternating pairs", figures.ratios.median, unit: "×",
            goal: .atLeast(1),
            limit: figures.ratios.summary + "; control HTTP ÷ HTTP: " + figures.control.summary
                + String(
                    format: "; spans per CPU second %.0f ÷ HTTP's %.0f = %.2f", figures.spansPerCPUSecond(.grpc),
                    figures.spansPerCPUSecond(.http), figures.spansPerCPUSecond(.grpc) / figures.spansPerCPUSecond(.http)))
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

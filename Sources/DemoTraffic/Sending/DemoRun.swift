import Foundation
import Synchronization

/// One run of the demo: where the requests go, how many, how fast, and with which timestamps.
public struct DemoRun: Sendable {
    public enum Destination: Sendable {
        case collector(CollectorClient)
        case dump(URL)
    }

    /// Live runs stamp "now" and pace arrivals in real time; a fixed start (nanoseconds since the epoch)
    /// gives reproducible timestamps and sends as fast as the destination takes them.
    public enum Clock: Sendable {
        case live
        case fixed(start: UInt64)
    }

    public var destination: Destination
    public var clock: Clock
    public var seed: UInt64
    /// Client requests per second at the gateway (bot bursts come on top).
    public var rate: Double
    /// Seconds of (live or simulated) traffic; nil = until `traceLimit` or until stopped.
    public var durationSeconds: Double?
    public var traceLimit: Int?
    public var wire: WireProtocol
    public var configuration: ShopConfiguration

    public init(destination: Destination, clock: Clock, seed: UInt64, rate: Double, durationSeconds: Double? = nil,
                traceLimit: Int? = nil, wire: WireProtocol = .json, configuration: ShopConfiguration = ShopConfiguration()) {
        self.destination = destination
        self.clock = clock
        self.seed = seed
        self.rate = rate
        self.durationSeconds = durationSeconds
        self.traceLimit = traceLimit
        self.wire = wire
        self.configuration = configuration
    }

    /// Runs until the duration or trace limit is reached or `stop` is set, flushes every exporter, and
    /// returns what was sent. Throws only for problems that make the whole run pointless (unwritable
    /// dump directory).
    public func run(stop: StopSignal = StopSignal()) async throws -> SendSummary {
        var simulator = ShopSimulator(seed: seed, configuration: configuration)
        var output = try Output(destination)
        var summary = SendSummary()
        let start: UInt64
        switch clock {
        case .live: start = Self.nowNanos()
        case .fixed(let fixed): start = fixed
        }
        let end = durationSeconds.map { start &+ UInt64($0 * 1e9) }
        var arrival = start
        var count = 0
        while !stop.isSet {
            if let traceLimit, count >= traceLimit { break }
            if let end, arrival >= end { break }
            if case .live = clock {
                // Sleep in short slices so a stop request is noticed, and keep exporters' timers running.
                while !stop.isSet, Self.nowNanos() < arrival {
                    let wait = min(Double(arrival - Self.nowNanos()) / 1e9, 0.1)
                    try? await Task.sleep(for: .seconds(max(wait, 0.001)))
                    for request in simulator.advance(to: Self.nowNanos()) { try await output.put(request, wire, &summary) }
                }
                if stop.isSet { break }
                arrival = Self.nowNanos()
            }
            for request in simulator.simulateRequest(at: arrival) { try await output.put(request, wire, &summary) }
            count += 1
            arrival &+= simulator.nextArrivalGap(rate: rate)
        }
        for request in simulator.finish() { try await output.put(request, wire, &summary) }
        return summary
    }

    static func nowNanos() -> UInt64 { UInt64(Date().timeIntervalSince1970 * 1e9) }

    private enum Output {
        case collector(CollectorClient)
        case dump(DumpWriter)

        init(_ destination: Destination) throws {
            switch destination {
            case .collector(let client): self = .collector(client)
            case .dump(let directory): self = .dump(try DumpWriter(directory: directory))
            }
        }

        mutating func put(_ request: DemoRequest, _ wire: WireProtocol, _ summary: inout SendSummary) async throws {
            let encoded = request.encoded(wire)
            switch self {
            case .collector(let client):
                summary.add(await client.send(encoded), for: encoded)
            case .dump(var writer):
                try writer.write(encoded)
                self = .dump(writer)
                summary.add(SendOutcome(result: .accepted(rejected: 0), retries: 0, message: nil), for: encoded)
            }
        }
    }
}

/// Set from a signal handler (or a test) to end a run gracefully: exporters are flushed and the summary printed.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public var isSet: Bool { flag.load(ordering: .relaxed) }
    public func set() { flag.store(true, ordering: .relaxed) }
}

import Foundation
import Synchronization
import TraceModel

/// One run of the demo: where the requests go, how many, how fast, and with which timestamps.
package struct DemoRun: Sendable {
    package enum Destination: Sendable {
        case collector(IngestClient)
        case dump(URL)
    }

    /// Live runs stamp "now" and pace arrivals in real time; a fixed start (nanoseconds since the epoch)
    /// gives reproducible timestamps and sends as fast as the destination takes them.
    package enum TimeSource: Sendable {
        case live
        case fixed(start: UInt64)
    }

    package var destination: Destination
    package var clock: TimeSource
    package var seed: UInt64
    /// Client requests per second at the gateway (bot bursts come on top).
    package var rate: Double
    /// Seconds of (live or simulated) traffic; nil = until `traceLimit` or until stopped.
    package var durationSeconds: Double?
    package var traceLimit: Int?
    package var wire: WireProtocol
    package var configuration: ShopConfiguration

    package init(
        destination: Destination, clock: TimeSource, seed: UInt64, rate: Double, durationSeconds: Double? = nil,
        traceLimit: Int? = nil, wire: WireProtocol = .json, configuration: ShopConfiguration = ShopConfiguration()
    ) {
        self.destination = destination
        self.clock = clock
        self.seed = seed
        self.rate = rate
        self.durationSeconds = durationSeconds
        self.traceLimit = traceLimit
        self.wire = wire
        self.configuration = configuration
    }

    /// Requests in flight at once when sending: each service's exporter works on its own, so one request
    /// waiting out a `Retry-After` does not hold up the rest (nor the arrivals).
    package static let maxInFlight = 8

    /// Runs until the duration or trace limit is reached or `stop` is set, flushes every exporter, and
    /// returns what was sent. Throws only for problems that make the whole run pointless: an unwritable
    /// dump directory, or `CollectorUnreachable`.
    package func run(stop: StopSignal = StopSignal()) async throws -> SendSummary {
        var summary = SendSummary()
        switch destination {
        case .dump(let directory):
            var writer = try DumpWriter(directory: directory)
            try await drive(stop) { request in
                let encoded = request.encoded(wire)
                try writer.write(encoded)
                summary.add(SendOutcome(result: .accepted(rejected: 0), retries: 0, message: nil), for: encoded)
            }
        case .collector(let client):
            func record(_ outcome: SendOutcome, _ request: EncodedRequest) throws {
                summary.add(outcome, for: request)
                // Retries already waited a while: a collector that never answers is not coming back soon.
                if case .failed(status: nil) = outcome.result {
                    throw CollectorUnreachable(url: client.baseURL.absoluteString, detail: outcome.message ?? "", summary: summary)
                }
            }
            try await client.withGRPCConnections {
                try await withThrowingTaskGroup(of: (SendOutcome, EncodedRequest).self) { group in
                    var inFlight = 0
                    try await drive(stop) { request in
                        let encoded = request.encodedForCollector(client.wire(for: request.service, otherwise: wire))
                        if inFlight >= Self.maxInFlight, let (outcome, sent) = try await group.next() {
                            inFlight -= 1
                            try record(outcome, sent)
                        }
                        group.addTask { (await client.send(encoded), encoded) }
                        inFlight += 1
                    }
                    for try await (outcome, sent) in group { try record(outcome, sent) }
                }
            }
        }
        return summary
    }

    /// The arrival loop: simulates client requests (paced in real time for a live clock) and hands every
    /// export request to `emit`, ending with the exporters' shutdown flush.
    private func drive(_ stop: StopSignal, emit: (DemoRequest) async throws -> Void) async throws {
        var simulator = ShopSimulator(seed: seed, configuration: configuration)
        let start: UInt64
        switch clock {
        case .live: start = UnixTime.nowNanoseconds()
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
                while !stop.isSet, UnixTime.nowNanoseconds() < arrival {
                    let wait = min(Double(arrival - UnixTime.nowNanoseconds()) / 1e9, 0.1)
                    try? await Task.sleep(for: .seconds(max(wait, 0.001)))
                    for request in simulator.advance(to: UnixTime.nowNanoseconds()) { try await emit(request) }
                }
                if stop.isSet { break }
                arrival = UnixTime.nowNanoseconds()
            }
            for request in simulator.simulateRequest(at: arrival) { try await emit(request) }
            count += 1
            arrival &+= simulator.nextArrivalGap(rate: rate)
        }
        for request in simulator.finish() { try await emit(request) }
    }
}

/// The collector did not answer at all (connection refused, timeouts) even after retrying.
package struct CollectorUnreachable: Error, CustomStringConvertible, Sendable {
    package var url: String
    package var detail: String
    /// What had been sent before giving up.
    package var summary: SendSummary

    package var description: String {
        "cannot reach the collector at " + url + " (" + detail + "); is tracetop-collector running? Start it, or pass --collector URL"
    }
}

/// Set from a signal handler (or a test) to end a run gracefully: exporters are flushed and the summary printed.
package final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    package init() {}
    package var isSet: Bool { flag.load(ordering: .relaxed) }
    package func set() { flag.store(true, ordering: .relaxed) }
}

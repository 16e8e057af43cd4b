import Foundation
import Synchronization
import WireCodecs

/// Concurrent clients posting the workload's requests over loopback, each on its own thread with one
/// keep-alive connection. Bounded twice: by a number of requests and by a deadline. A 503 (queue full) is
/// retried after a short pause, so the spans counted are exactly the spans the server acknowledged.
struct LoadDriver: Sendable {
    let port: Int
    let path: String
    let workload: Workload
    let clients: Int
    /// Set: the same requests as OTLP protobuf (`application/x-protobuf`) instead of JSON.
    var protobufBodies: [ProtobufReplayBody]? = nil

    struct Outcome: Sendable {
        var spans: Int
        var requests: Int
        var retries: Int
        var seconds: Double
        var failure: String?
        /// How long each acknowledged request took, from sending to its 200 (retries after a 503 not included).
        var acknowledgements: [Duration] = []
        var spansPerSecond: Double { Double(spans) / max(seconds, 1e-9) }

        /// Adds one client's counts to the total (the first failure is kept).
        mutating func add(_ one: Outcome) {
            spans += one.spans
            requests += one.requests
            retries += one.retries
            acknowledgements += one.acknowledgements
            if failure == nil { failure = one.failure }
        }

        /// The fraction `q` (0...1) of acknowledgement times, in milliseconds.
        func acknowledgementMillis(at q: Double) -> Double {
            guard !acknowledgements.isEmpty else { return .nan }
            let sorted = acknowledgements.sorted()
            return sorted[min(sorted.count - 1, Int(q * Double(sorted.count - 1)))].seconds * 1000
        }
    }

    /// Sends requests number `firstRequest ..< firstRequest + maxRequests` of the endless replay (request k is
    /// body k mod pool in round k / pool), stopping early at `seconds`.
    func run(firstRequest: Int, maxRequests: Int, seconds: Double) async -> Outcome {
        await run(tickets: Tickets(firstRequest), last: firstRequest + maxRequests, seconds: seconds)
    }

    /// Sends the requests `tickets` hands out (shared with other drivers, see `together`) below `last`.
    func run(tickets next: Tickets, last: Int, seconds: Double) async -> Outcome {
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(Int(seconds * 1000))
        var outcome = await withTaskGroup(of: Outcome.self) { group in
            for _ in 0..<clients {
                group.addTask { await Self.onThread { clientLoop(next: next, last: last, deadline: deadline) } }
            }
            var total = Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
            for await one in group { total.add(one) }
            return total
        }
        outcome.seconds = (ContinuousClock.now - started).seconds
        return outcome
    }

    private func clientLoop(next: Tickets, last: Int, deadline: ContinuousClock.Instant) -> Outcome {
        var outcome = Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
        let client: LoopbackHTTPClient
        do { client = try LoopbackHTTPClient(port: port) } catch {
            outcome.failure = "\(error)"
            return outcome
        }
        let pool = workload.bodies.count
        while ContinuousClock.now < deadline {
            let number = next.take()
            guard number < last else { break }
            let round = number / pool
            let index = number % pool
            let body =
                protobufBodies?[index].bytes(round: UInt32(round), shiftNanos: workload.shift(round: round))
                ?? workload.bodies[index].bytes(round: UInt32(round), shiftNanos: workload.shift(round: round))
            var attempts = 0
            while attempts < 1000 {
                attempts += 1
                do {
                    let sent = ContinuousClock.now
                    let response = try client.post(
                        path, contentType: protobufBodies == nil ? "application/json" : "application/x-protobuf", body: body)
                    if response.status == 200 {
                        outcome.acknowledgements.append(ContinuousClock.now - sent)
                        outcome.requests += 1
                        outcome.spans += workload.traces[index].spanCount
                        break
                    }
                    if response.status == 503 || response.status == 429 {
                        outcome.retries += 1
                        usleep(5_000)
                        continue
                    }
                    outcome.failure = "HTTP \(response.status): \(String(decoding: response.body.prefix(200), as: UTF8.self))"
                    return outcome
                } catch {
                    outcome.failure = "\(error)"
                    return outcome
                }
            }
        }
        return outcome
    }

    /// Runs blocking work on a thread of its own, so the cooperative pool (which runs the server) is never blocked.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// Hands out request numbers to the client threads.
final class Tickets: Sendable {
    private let next: Atomic<Int>
    init(_ first: Int) { next = Atomic(first) }
    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}

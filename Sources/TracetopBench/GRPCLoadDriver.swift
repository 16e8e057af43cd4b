import DemoTraffic
import Foundation
import TraceModel

/// `LoadDriver` over OTLP/gRPC: the same requests (in protobuf), the same number of clients, each with its own
/// HTTP/2 connection (grpc-swift's client, no compression, as the HTTP phase sends none), sending one unary
/// Export at a time. UNAVAILABLE is retried after a short pause, so the spans counted are the acknowledged ones.
struct GRPCLoadDriver: Sendable {
    let port: Int
    let workload: Workload
    let bodies: [ProtobufReplayBody]
    let clients: Int

    func run(firstRequest: Int, seconds: Double) async -> LoadDriver.Outcome {
        let next = Tickets(firstRequest)
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(Int(seconds * 1000))
        var outcome = await withTaskGroup(of: LoadDriver.Outcome.self) { group in
            for _ in 0..<clients {
                group.addTask { await clientLoop(next: next, deadline: deadline) }
            }
            var total = LoadDriver.Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
            for await one in group { total.add(one) }
            return total
        }
        outcome.seconds = (ContinuousClock.now - started).seconds
        return outcome
    }

    private func clientLoop(next: Tickets, deadline: ContinuousClock.Instant) async -> LoadDriver.Outcome {
        var outcome = LoadDriver.Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
        do {
            let retryQuickly = RetryPolicy(maxAttempts: 1000, initialBackoffSeconds: 0.005, maxBackoffSeconds: 0.005)
            let client = try GRPCCollectorClient(host: "127.0.0.1", port: port, retryPolicy: retryQuickly, compression: false)
            try await client.run {
                let pool = bodies.count
                while ContinuousClock.now < deadline {
                    let number = next.take()
                    let round = number / pool, index = number % pool
                    let body = bodies[index].bytes(round: UInt32(round), shiftNanos: workload.shift(round: round))
                    let sent = ContinuousClock.now
                    let answer = await client.export(body)
                    outcome.retries += answer.retries
                    guard case .accepted = answer.result else {
                        outcome.failure = answer.message ?? "\(answer.result)"
                        return
                    }
                    outcome.acknowledgements.append(ContinuousClock.now - sent)
                    outcome.requests += 1
                    outcome.spans += workload.traces[index].spanCount
                }
            }
        } catch {
            outcome.failure = "\(error)"
        }
        return outcome
    }
}

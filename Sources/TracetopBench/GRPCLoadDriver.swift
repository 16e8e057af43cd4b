import Foundation
import WireCodecs

/// `LoadDriver` over OTLP/gRPC: the same requests (in protobuf), the same number of clients, each on its own thread
/// with its own HTTP/2 connection (`LoopbackGRPCClient`, no compression, as the HTTP phase sends none), sending one
/// unary Export at a time. UNAVAILABLE is retried after a short pause, so the spans counted are the acknowledged ones.
struct GRPCLoadDriver: Sendable {
    static let tracesPath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export"
    /// UNAVAILABLE: the collector's queue is full.
    static let unavailable = 14

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
                group.addTask { await LoadDriver.onThread { clientLoop(next: next, deadline: deadline) } }
            }
            var total = LoadDriver.Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
            for await one in group { total.add(one) }
            return total
        }
        outcome.seconds = (ContinuousClock.now - started).seconds
        return outcome
    }

    private func clientLoop(next: Tickets, deadline: ContinuousClock.Instant) -> LoadDriver.Outcome {
        var outcome = LoadDriver.Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
        do {
            let client = try LoopbackGRPCClient(port: port, path: Self.tracesPath)
            let pool = bodies.count
            while ContinuousClock.now < deadline {
                let number = next.take()
                let round = number / pool, index = number % pool
                let body = bodies[index].bytes(round: UInt32(round), shiftNanos: workload.shift(round: round))
                while true {
                    let sent = ContinuousClock.now
                    let answer = try client.call(body)
                    if answer.status == 0 {
                        outcome.acknowledgements.append(ContinuousClock.now - sent)
                        outcome.requests += 1
                        outcome.spans += workload.traces[index].spanCount
                        break
                    }
                    guard answer.status == Self.unavailable, outcome.retries < 100_000 else {
                        outcome.failure = "grpc-status \(answer.status): \(answer.message ?? "")"
                        return outcome
                    }
                    outcome.retries += 1
                    usleep(5_000)
                }
            }
        } catch {
            outcome.failure = "\(error)"
        }
        return outcome
    }
}

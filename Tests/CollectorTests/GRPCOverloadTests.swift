import Collector
import Foundation
import Testing
import TraceModel
import TraceStore

/// Overload over OTLP/gRPC with the real Python SDK: a collector whose byte budget holds one request at a time
/// answers the others UNAVAILABLE with a RetryInfo delay, the SDK's exporters wait that delay and retry, and in
/// the end every span they produced is stored.
@Suite struct GRPCOverloadTests {
    struct Flood: Decodable {
        var traceIds: [String]
        var results: [String]
    }

    @Test func overloadIsAnsweredUnavailableAndTheSDKRetriesUntilStored() async throws {
        try await LiveCollector.with(configure: { $0.maxQueuedBytes = 1 }) { collector in
            let python = try PythonSDK.python
            let (flood, errors) = try await offThePool { () -> (Flood, String) in
                // The SDK's retry messages are read as they come (`SpawnedProcess`): they would fill a pipe read only at the end.
                let finished = try SpawnedProcess.run(
                    python,
                    [
                        Paths.packageRoot.appendingPathComponent("scripts/e2e/otel_grpc_flood.py").path, "--endpoint",
                        collector.grpcEndpoint,
                        "--threads", "6", "--batches", "8", "--spans", "50"
                    ])
                let output = finished.output
                let errors = String(decoding: finished.errors, as: UTF8.self)
                guard finished.status == 0 else { throw StoreError("otel_grpc_flood.py failed: \(errors)") }
                return (try JSONDecoder().decode(Flood.self, from: output), errors)
            }
            // The collector refused some calls and the SDK honoured the RetryInfo delay (1 s) rather than its own backoff.
            #expect(errors.contains("Transient error StatusCode.UNAVAILABLE"), "no call was refused: the test did not overload anything")
            #expect(errors.contains("retrying in 1.00s"), "the SDK did not read the RetryInfo delay: \(errors.prefix(2_000))")
            #expect(flood.results.allSatisfy { $0 == "SUCCESS" }, "\(flood.results)")
            var missing: [String] = []
            for hex in flood.traceIds {
                let traceID = try #require(TraceID(hex: hex))
                if try await collector.store.trace(traceID).isEmpty { missing.append(hex) }
            }
            #expect(flood.traceIds.count == 6 * 8 * 50)
            #expect(missing.isEmpty, "exported but not stored: \(missing.prefix(10))")
        }
    }
}

import Collector
import DemoTraffic
import Foundation
import Testing
import TraceModel
import TraceStore

/// The demo shop with its orders service exporting over OTLP/gRPC (grpc-swift's client) and the rest over HTTP:
/// everything is stored, and the orders service's requests really take the gRPC door (a wrong gRPC token fails
/// exactly those).
@Suite struct DemoGRPCTests {
    private static func run(_ collector: LiveCollector, grpcToken: String) async throws -> SendSummary {
        var client = IngestClient(baseURL: URL(string: collector.base)!, token: "demo-token")
        client.grpc = try GRPCCollectorClient(host: "127.0.0.1", port: collector.grpcPort, token: grpcToken)
        let run = DemoRun(
            destination: .collector(client), clock: .fixed(start: 1_795_521_600_000_000_000), seed: 11, rate: 20, traceLimit: 60)
        return try await run.run()
    }

    @Test func theOrdersServiceExportsOverGRPC() async throws {
        try await LiveCollector.with(configure: { $0.access = AccessTokens(ingest: "demo-token") }) { collector in
            let summary = try await Self.run(collector, grpcToken: "demo-token")
            #expect(summary.failedRequests == 0, "\(summary.firstError ?? "")")
            #expect(summary.rejectedItems == 0)
            let statistics = try await collector.store.statistics()
            #expect(statistics.spanCount == summary.spans)
            // A retried request may have been stored by the attempt that timed out; log records are not replaced.
            #expect(
                (summary.logs...summary.logs + summary.logsSentAgain).contains(statistics.logCount),
                "\(statistics.logCount) log records stored; \(summary.logs) sent, \(summary.retries) retries")
            #expect(try await collector.store.services().contains(IngestClient.grpcService.name))
        }
        try await LiveCollector.with(configure: { $0.access = AccessTokens(ingest: "demo-token") }) { collector in
            let summary = try await Self.run(collector, grpcToken: "wrong")
            #expect(summary.failedRequests > 0)
            #expect(summary.firstError?.contains("unauthenticated") == true, "\(summary.firstError ?? "")")
            #expect(try await !collector.store.services().contains(IngestClient.grpcService.name))
            #expect(try await collector.store.services().contains("gateway"))
        }
    }
}

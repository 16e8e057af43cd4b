import DemoTraffic
import Foundation
import Testing
import TraceModel
import TraceStore

/// The simulated shop sends to the live collector: everything is accepted with no rejection, and the stored
/// data tells the demo's stories (saga compensation, broker links, shared correlation ids, legacy logs).
@Suite struct DemoEndToEndTests {
    @Test(arguments: [WireProtocol.json, .protobuf])
    func shopTrafficIsAcceptedAndTellsItsStory(wire: WireProtocol) async throws {
        try await LiveCollector.with { collector in
            let start: UInt64 = 1_795_521_600_000_000_000
            let run = DemoRun(
                destination: .collector(IngestClient(baseURL: URL(string: collector.base)!)), clock: .fixed(start: start),
                seed: 7, rate: 20, traceLimit: 120, wire: wire)
            let summary = try await run.run()
            #expect(summary.rejectedItems == 0)
            #expect(summary.failedRequests == 0, "\(summary.firstError ?? "")")
            let statistics = try await collector.store.statistics()
            #expect(statistics.spanCount == summary.spans)
            // A retried request may have been stored by the attempt that timed out; log records are not replaced.
            #expect(
                (summary.logs...summary.logs + summary.logsSentAgain).contains(statistics.logCount),
                "\(statistics.logCount) log records stored; \(summary.logs) sent, \(summary.retries) retries")

            let window = TraceQuery(startFromNanos: start - 1, startToNanos: start + 3_600_000_000_000, limit: 1000)
            let summaries = try await collector.store.traceSummaries(window)
            #expect(summaries.count >= 120)
            #expect(
                Set(try await collector.store.services()).isSuperset(of: ["gateway", "orders", "billing", "shipping", "inventory", "users"])
            )

            // The legacy shipping service reports its spans as Zipkin v2 JSON: they carry its scope (from the
            // otel.scope tags) and no resource attributes but the name, which Zipkin has no place for.
            let shippingTrace = try #require(try await collector.store.traceSummaries(TraceQuery(service: "shipping", limit: 1)).first)
            let shippingSpan = try #require(try await collector.store.trace(shippingTrace.traceID).first { $0.serviceName == "shipping" })
            #expect(shippingSpan.resource.attributes.map(\.key) == ["service.name"])
            #expect(shippingSpan.scope.name == "shop.shipping")

            // A failed saga runs its compensations after the failed step.
            let sagas = try await collector.store.traceSummaries(TraceQuery(operation: "saga checkout", errorsOnly: true, limit: 1000))
            var sawCompensation = false
            for saga in sagas {
                let spans = try await collector.store.trace(saga.traceID).map(\.span)
                guard let compensation = spans.first(where: { $0.name.hasPrefix("saga.compensate") }) else { continue }
                let failedStep = try #require(spans.filter { $0.name.hasPrefix("saga.step") && $0.status.code == .error }.first)
                #expect(compensation.startTimeUnixNano >= failedStep.endTimeUnixNano)
                sawCompensation = true
            }
            #expect(sawCompensation)

            // Consumers start new traces that link back to the producer span and share its correlation id.
            let consumers = try await collector.store.traceSummaries(TraceQuery(operation: "process OrderPlaced", limit: 1000))
            let consumer = try #require(consumers.first)
            let consumerSpan = try #require(try await collector.store.trace(consumer.traceID).first { $0.span.kind == .consumer })
            let link = try #require(consumerSpan.span.links.first)
            let producer = try #require(try await collector.store.trace(link.traceID).first { $0.span.spanID == link.spanID })
            #expect(producer.span.kind == .producer)
            let correlation = try #require(consumer.correlationIDs.first)
            let shared = try await collector.store.traceSummaries(TraceQuery(correlationID: correlation, limit: 100))
            #expect(shared.count >= 2)
            #expect(shared.contains { $0.traceID == link.traceID })

            // Legacy services log only the correlation id; those lines still join the gateway's trace.
            let correlated = try await collector.store.logs(LogQuery(correlationID: correlation, limit: 500))
            #expect(correlated.contains { $0.entry.record.traceID == nil })
        }
    }
}

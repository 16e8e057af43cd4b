import Foundation
import Testing
import TraceModel

/// The real OpenTelemetry Python SDK sends through its Zipkin JSON exporter to the live collector's
/// `/api/v2/spans`; every span comes back through the query API with what it carried.
@Suite struct ZipkinEndToEndTests {
    @Test func everySpanTheZipkinExporterSentIsStored() async throws {
        try await LiveCollector.with { collector in
            let report = try await offThePool { try ZipkinSender.export(to: collector.base + "/api/v2/spans") }
            #expect(report.spans.count == 4)
            let traceID = try #require(report.spans.first?.traceId)
            let stored = try await QueriedSpan.trace(collector.base, traceID)
            #expect(stored.count == 4)
            for sent in report.spans {
                let found = try #require(stored.first { $0.span.spanID.hex == sent.spanId }, "span \(sent.name) missing")
                let span = found.span
                #expect(span.parentSpanID?.hex ?? "" == sent.parentSpanId)
                #expect(span.name == sent.name)
                #expect(span.startTimeUnixNano == sent.startMicros * 1000)
                #expect(span.endTimeUnixNano == (sent.startMicros + sent.durationMicros) * 1000)
                #expect(span.events.map(\.name) == sent.events.map(\.name))
                #expect(span.events.map(\.timeUnixNano) == sent.events.map { $0.micros * 1000 })
                #expect(found.serviceName == "zipkin-e2e")
                #expect(found.scope.name == "zipkin.e2e")
                #expect(found.scope.version == "0.1.0")
                // The exporter's local endpoint, as the span's local address.
                #expect(span.attributes[key: "network.local.address"] == .string("10.1.2.3"))
                #expect(span.attributes[key: "network.local.port"] == .int(8080))
                // Tags the mapping turns into fields are not kept twice.
                for consumed in ["otel.status_code", "otel.status_description", "error", "otel.scope.name", "otel.library.name"] {
                    #expect(span.attributes[key: consumed] == nil, "\(consumed) on \(sent.name)")
                }
            }
            func span(_ name: String) throws -> Span { try #require(stored.first { $0.span.name == name }).span }
            let root = try span("GET /orders")
            #expect(root.kind == .server)
            #expect(root.status == SpanStatus())
            // Zipkin tags are strings: the exporter wrote each attribute's text.
            #expect(root.attributes[key: "http.request.method"] == .string("GET"))
            #expect(root.attributes[key: "http.response.status_code"] == .string("200"))
            #expect(root.attributes[key: "retry"] == .string("true"))
            #expect(root.attributes[key: "sampling.ratio"] == .string("0.25"))
            // The event's attributes travel as JSON in the annotation and come back typed.
            #expect(root.events.first?.attributes == [KeyValue("attempt", .int(2)), KeyValue("key", .string("orders:42"))])
            let query = try span("SELECT orders")
            #expect(query.kind == .client)
            #expect(query.status == SpanStatus(code: .ok))
            #expect(query.attributes[key: "db.system.name"] == .string("postgresql"))
            let render = try span("render")
            #expect(render.kind == .unspecified)  // Zipkin has no internal kind: the exporter leaves it out
            #expect(render.status == SpanStatus(code: .error, message: "template missing"))
            #expect(try span("publish order.viewed").kind == .producer)
        }
    }
}

import Testing
import TraceModel
import TraceStore

extension PythonSDK {
    /// Every span and log `report` says the SDK produced is in `store`, field by field (OTLP/HTTP and gRPC alike).
    static func expectStored(_ report: Report, in store: SQLiteTraceStore) async throws {
        #expect(report.spans.count == 5)
        for sent in report.spans {
            let traceID = try #require(TraceID(hex: sent.traceId))
            let stored = try await store.trace(traceID)
            let record = try #require(stored.first { $0.span.spanID.hex == sent.spanId }, "span \(sent.name) missing")
            let span = record.span
            #expect(span.parentSpanID?.hex ?? "" == sent.parentSpanId)
            #expect(span.name == sent.name)
            #expect(span.kind.rawValue == sent.kind)
            #expect(String(span.startTimeUnixNano) == sent.start)
            #expect(String(span.endTimeUnixNano) == sent.end)
            #expect(span.attributes == sent.attributes.map { KeyValue($0.key, $0.value.anyValue) }, "attributes of \(sent.name)")
            #expect(span.events.map(\.name) == sent.events.map(\.name))
            #expect(span.events.map { String($0.timeUnixNano) } == sent.events.map(\.time))
            for (storedEvent, sentEvent) in zip(span.events, sent.events) {
                #expect(storedEvent.attributes == sentEvent.attributes.map { KeyValue($0.key, $0.value.anyValue) })
            }
            #expect(span.links.map(\.traceID.hex) == sent.links.map(\.traceId))
            #expect(span.links.map(\.spanID.hex) == sent.links.map(\.spanId))
            #expect(span.links.map(\.attributes) == sent.links.map { $0.attributes.map { KeyValue($0.key, $0.value.anyValue) } })
            #expect(span.status.code.rawValue == sent.status.code)
            #expect(span.status.message == sent.status.message)
            #expect(record.serviceName == "python-e2e")
            #expect(record.scope.name == "e2e.tracer")
            #expect(record.resource.attributes[key: "service.version"] == .string("1.2.3"))
        }
        let charge = try #require(report.spans.first { $0.name == "payment.charge" })
        let exception = try #require(charge.events.first)
        #expect(exception.name == "exception")
        #expect(exception.attributes.contains { $0.key == "exception.stacktrace" })

        // Logs emitted inside spans come out linked to those spans.
        #expect(report.logs.count == 2)
        let storedLogs = try await store.logs(LogQuery(limit: 100))
        for sent in report.logs {
            let stored = try #require(storedLogs.first { $0.entry.record.body.stringValue == sent.body }, "log '\(sent.body)' missing")
            #expect(stored.entry.record.severityNumber == sent.severityNumber)
            #expect(stored.entry.record.traceID?.hex == sent.traceId)
            #expect(stored.entry.record.spanID?.hex == sent.spanId)
            #expect(stored.entry.serviceName == "python-e2e")
        }
        // The gateway-style header attribute makes the trace findable by its correlation id.
        let root = try #require(report.spans.first { $0.name == "POST /checkout" })
        let byCorrelation = try await store.traceSummaries(TraceQuery(correlationID: "corr-e2e-1"))
        #expect(byCorrelation.map(\.traceID.hex) == [root.traceId])
    }
}

import TraceModel
import WireCodecs

/// OTLP spans as the UI's trace values, in the shape the collector answers `/api/traces/{id}` (Jaeger's):
/// the same extra tags after the attributes (`span.kind`, `otel.status_code`, `otel.status_description`,
/// `error`, `otel.scope.name`/`version`), events as logs with an `event` field, links as FOLLOWS_FROM.
/// And back (`:w`): a trace as an OTLP JSON `ExportTraceServiceRequest`, the extra tags folded back in.
extension TraceDetail {
    /// Every trace in the data, in the order their first span appears.
    public static func traces(from data: TracesData) -> [TraceDetail] {
        var order: [String] = []
        var spansByTrace: [String: [SpanRecord]] = [:]
        var processesByTrace: [String: [String: Process]] = [:]
        for (resourceIndex, resourceSpans) in data.resourceSpans.enumerated() {
            let processID = "p\(resourceIndex + 1)"
            let serviceName = resourceSpans.resource.attributes.first { $0.key == "service.name" }?.value.displayString ?? "unknown_service"
            let process = Process(serviceName: serviceName, tags: resourceSpans.resource.attributes.map(Tag.init))
            for scopeSpans in resourceSpans.scopeSpans {
                for span in scopeSpans.spans {
                    let traceID = span.traceID.hex
                    if spansByTrace[traceID] == nil { order.append(traceID) }
                    spansByTrace[traceID, default: []].append(SpanRecord(span, scope: scopeSpans.scope, processID: processID))
                    processesByTrace[traceID, default: [:]][processID] = process
                }
            }
        }
        return order.map { TraceDetail(traceID: $0, spans: spansByTrace[$0] ?? [], processes: processesByTrace[$0] ?? [:]) }
    }

    /// The trace as OTLP: one resource per process, one scope per `otel.scope.name`/`version`.
    public var otlp: TracesData {
        var resources: [ResourceSpans] = []
        var resourceIndex: [String: Int] = [:]
        for span in spans {
            let (otlpSpan, scope) = span.otlp
            if resourceIndex[span.processID] == nil {
                resourceIndex[span.processID] = resources.count
                let process = processes[span.processID]
                var attributes = (process?.tags ?? []).map(\.keyValue)
                if !attributes.contains(where: { $0.key == "service.name" }) {
                    attributes.insert(KeyValue("service.name", .string(process?.serviceName ?? "unknown_service")), at: 0)
                }
                resources.append(ResourceSpans(resource: Resource(attributes: attributes)))
            }
            let position = resourceIndex[span.processID]!
            if let scopeIndex = resources[position].scopeSpans.firstIndex(where: { $0.scope == scope }) {
                resources[position].scopeSpans[scopeIndex].spans.append(otlpSpan)
            } else {
                resources[position].scopeSpans.append(ScopeSpans(scope: scope, spans: [otlpSpan]))
            }
        }
        return TracesData(resourceSpans: resources)
    }
}

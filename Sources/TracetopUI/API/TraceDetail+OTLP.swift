import TraceModel
import TracetopAPI
import WireCodecs

/// OTLP spans as the views' trace values: the one path from OTLP JSON to the screen, for a trace the collector
/// answers (`GET /api/traces/{id}?format=otlp`) and for a file (`--file`). And back (`:w`): a trace as an OTLP
/// JSON `ExportTraceServiceRequest`.
extension TraceDetail {
    /// Every trace in the data, in the order their first span appears.
    package static func traces(from data: TracesData) -> [TraceDetail] {
        // Keyed by the id's value, not its hex: a 10,000-span trace would format its id 10,000 times.
        var order: [TraceID] = []
        var spansByTrace: [TraceID: [TraceSpan]] = [:]
        var processesByTrace: [TraceID: [String: Process]] = [:]
        for (resourceIndex, resourceSpans) in data.resourceSpans.enumerated() {
            let processID = "p\(resourceIndex + 1)"
            let serviceName = resourceSpans.resource.attributes[key: "service.name"]?.displayString ?? "unknown_service"
            let process = Process(serviceName: serviceName, tags: resourceSpans.resource.attributes.map(Tag.init))
            var lastTrace: TraceID?
            for scopeSpans in resourceSpans.scopeSpans {
                for span in scopeSpans.spans {
                    let traceID = span.traceID
                    if spansByTrace[traceID] == nil { order.append(traceID) }
                    spansByTrace[traceID, default: []].append(TraceSpan(span, scope: scopeSpans.scope, processID: processID))
                    // A resource's spans mostly belong to one trace: its process is recorded once per run of them.
                    if traceID != lastTrace {
                        processesByTrace[traceID, default: [:]][processID] = process
                        lastTrace = traceID
                    }
                }
            }
        }
        return order.map { TraceDetail(traceID: $0.hex, spans: spansByTrace[$0] ?? [], processes: processesByTrace[$0] ?? [:]) }
    }

    /// The trace as OTLP: one resource per process, one scope per `otel.scope.name`/`version`.
    package var otlp: TracesData {
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

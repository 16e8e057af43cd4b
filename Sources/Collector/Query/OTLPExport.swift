import TraceModel
import TraceStore
import WireCodecs

/// Regroups stored spans into OTLP's resource → scope → span nesting, so `?format=otlp` answers a request
/// the collector accepts again unchanged.
enum OTLPExport {
    static func tracesData(_ records: [SpanRecord]) -> TracesData {
        var resourceSpans: [ResourceSpans] = []
        var resourceIndex: [ResourceKey: Int] = [:]
        var scopeIndex: [ScopeKey: (Int, Int)] = [:]
        for record in records {
            let resourceKey = ResourceKey(resource: record.resource, schemaUrl: record.resourceSchemaUrl)
            let r: Int
            if let existing = resourceIndex[resourceKey] {
                r = existing
            } else {
                r = resourceSpans.count
                resourceIndex[resourceKey] = r
                resourceSpans.append(ResourceSpans(resource: record.resource, schemaUrl: record.resourceSchemaUrl))
            }
            let scopeKey = ScopeKey(resource: resourceKey, scope: record.scope, schemaUrl: record.scopeSchemaUrl)
            if let (_, s) = scopeIndex[scopeKey] {
                resourceSpans[r].scopeSpans[s].spans.append(record.span)
            } else {
                scopeIndex[scopeKey] = (r, resourceSpans[r].scopeSpans.count)
                resourceSpans[r].scopeSpans.append(ScopeSpans(scope: record.scope, spans: [record.span], schemaUrl: record.scopeSchemaUrl))
            }
        }
        return TracesData(resourceSpans: resourceSpans)
    }

    private struct ResourceKey: Hashable {
        var resource: Resource
        var schemaUrl: String
    }

    private struct ScopeKey: Hashable {
        var resource: ResourceKey
        var scope: InstrumentationScope
        var schemaUrl: String
    }
}

import TraceModel
import TraceStore
import WireCodecs

/// Flattens decoded OTLP trace requests into the store's write batches, attaching each span's correlation ids (logs:
/// LogAggregator's `LogEntries`).
/// Resource and scope values are shared between their spans (copy-on-write), not copied.
package enum IngestBatches {
    package static func batch(_ traces: TracesData, correlationKeys: CorrelationKeys) -> WriteBatch {
        var spans: [SpanRecord] = []
        spans.reserveCapacity(traces.spanCount)
        for resourceSpans in traces.resourceSpans {
            let resourceIDs = correlationKeys.ids(in: resourceSpans.resource.attributes)
            for scopeSpans in resourceSpans.scopeSpans {
                for span in scopeSpans.spans {
                    spans.append(
                        SpanRecord(
                            span: span, resource: resourceSpans.resource, resourceSchemaUrl: resourceSpans.schemaUrl,
                            scope: scopeSpans.scope, scopeSchemaUrl: scopeSpans.schemaUrl,
                            correlationIDs: correlationKeys.ids(of: span, resourceIDs: resourceIDs)))
                }
            }
        }
        return WriteBatch(spans: spans)
    }
}

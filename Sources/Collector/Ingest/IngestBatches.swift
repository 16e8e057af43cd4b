import LogAggregator
import TraceModel
import TraceStore

/// Flattens decoded OTLP requests into the store's write batches, attaching each item's correlation ids.
/// Resource and scope values are shared between their spans (copy-on-write), not copied.
public enum IngestBatches {
    public static func batch(_ traces: TracesData, correlationKeys: CorrelationKeys) -> WriteBatch {
        var spans: [SpanRecord] = []
        spans.reserveCapacity(traces.spanCount)
        for resourceSpans in traces.resourceSpans {
            for scopeSpans in resourceSpans.scopeSpans {
                for span in scopeSpans.spans {
                    spans.append(
                        SpanRecord(
                            span: span, resource: resourceSpans.resource, resourceSchemaUrl: resourceSpans.schemaUrl,
                            scope: scopeSpans.scope, scopeSchemaUrl: scopeSpans.schemaUrl,
                            correlationIDs: correlationKeys.ids(of: span, resource: resourceSpans.resource)))
                }
            }
        }
        return WriteBatch(spans: spans)
    }

    static func batch(_ logs: LogsData, receivedAt: UInt64, correlationKeys: CorrelationKeys) -> WriteBatch {
        var entries: [LogEntry] = []
        entries.reserveCapacity(logs.logRecordCount)
        for resourceLogs in logs.resourceLogs {
            for scopeLogs in resourceLogs.scopeLogs {
                for record in scopeLogs.logRecords {
                    entries.append(
                        LogEntry(
                            record: record, resource: resourceLogs.resource, resourceSchemaUrl: resourceLogs.schemaUrl,
                            scope: scopeLogs.scope, scopeSchemaUrl: scopeLogs.schemaUrl, receivedTimeUnixNano: receivedAt,
                            correlationIDs: correlationKeys.ids(of: record, resource: resourceLogs.resource)))
                }
            }
        }
        return WriteBatch(logs: entries)
    }
}

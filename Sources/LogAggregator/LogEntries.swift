import TraceModel
import WireCodecs

/// OTLP log records as the log lines the store keeps: each record with its resource and scope (shared, copy-on-write),
/// the time the collector received it (for records that carry no time of their own) and its correlation ids. OTLP
/// requests and normalised structured lines both arrive here as `LogsData`, so every source of logs is gathered the
/// same way.
package enum LogEntries {
    package static func entries(of logs: LogsData, receivedAt: UInt64, correlationKeys: CorrelationKeys) -> [LogEntry] {
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
        return entries
    }
}

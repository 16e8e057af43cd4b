import JSONToolkit
import TraceModel
import TraceStore

/// JSON shapes of the query API beyond Jaeger's trace (docs/API.md): summaries, logs, latency, operations, dependencies.
enum ResultJSON {
    static func summary(_ summary: TraceSummary, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("traceID")
        writer.string(summary.traceID.hex)
        writer.key("rootService")
        writer.string(summary.rootService)
        writer.key("rootOperation")
        writer.string(summary.rootOperation)
        writer.key("startTime")
        writer.number(summary.startTimeUnixNano / 1000)
        writer.key("duration")
        writer.number(summary.durationNanos / 1000)
        writer.key("spanCount")
        writer.number(summary.spanCount)
        writer.key("errorCount")
        writer.number(summary.errorCount)
        writer.key("services")
        strings(summary.services, to: &writer)
        writer.key("correlationIds")
        strings(summary.correlationIDs, to: &writer)
        writer.endObject()
    }

    static func log(_ log: StoredLog, to writer: inout JSONWriter) {
        let entry = log.entry
        let record = entry.record
        writer.beginObject()
        writer.key("timestamp")
        writer.number(entry.timeUnixNano / 1000)
        writer.key("timeUnixNano")
        writer.quotedNumber(entry.timeUnixNano)
        writer.key("service")
        writer.string(entry.serviceName)
        writer.key("severityNumber")
        writer.number(record.severityNumber)
        writer.key("severityText")
        writer.string(record.severityText.isEmpty ? Severity.name(of: record.severityNumber) : record.severityText)
        writer.key("body")
        writer.string(record.body.stringValue ?? AnyValueJSON.text(record.body))
        writer.key("traceID")
        writer.string(record.traceID?.hex ?? "")
        writer.key("spanID")
        writer.string(record.spanID?.hex ?? "")
        writer.key("correlationIds")
        strings(entry.correlationIDs, to: &writer)
        writer.key("eventName")
        writer.string(record.eventName)
        writer.key("attributes")
        JaegerTraceJSON.writeTags(record.attributes, to: &writer)
        writer.endObject()
    }

    static func latency(_ latency: OperationLatency, windowSeconds: Double, withSeries: Bool, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("service")
        writer.string(latency.operation.service)
        writer.key("operation")
        writer.string(latency.operation.name)
        writer.key("spanKind")
        writer.string(latency.operation.kind.shortName)
        figures(latency.figures, windowSeconds: windowSeconds, to: &writer)
        if withSeries {
            writer.key("series")
            writer.beginArray()
            for bucket in latency.series {
                writer.beginObject()
                writer.key("start")
                writer.number(bucket.startNanos / 1000)
                figures(bucket.figures, windowSeconds: nil, to: &writer)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
    }

    /// Members of a latency object (written inside an open object).
    private static func figures(_ figures: LatencyFigures, windowSeconds: Double?, to writer: inout JSONWriter) {
        writer.key("count")
        writer.number(figures.count)
        if let windowSeconds {
            writer.key("ratePerSecond")
            writer.double(windowSeconds > 0 ? Double(figures.count) / windowSeconds : 0)
        }
        writer.key("errorCount")
        writer.number(figures.errorCount)
        writer.key("errorRate")
        writer.double(figures.count > 0 ? Double(figures.errorCount) / Double(figures.count) : 0)
        for (name, value) in [
            ("p50", figures.p50), ("p75", figures.p75), ("p90", figures.p90), ("p95", figures.p95), ("p99", figures.p99),
            ("max", figures.max)
        ] {
            writer.key(name)
            writer.number(value)
        }
    }

    static func histogram(_ latency: OperationLatency?, service: String, operation: String, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("service")
        writer.string(service)
        writer.key("operation")
        writer.string(operation)
        writer.key("count")
        writer.number(latency?.figures.count ?? 0)
        writer.key("buckets")
        writer.beginArray()
        for bucket in latency?.histogram ?? [] {
            writer.beginObject()
            writer.key("le")
            writer.number(bucket.upperBoundMicros)
            writer.key("count")
            writer.number(bucket.count)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    static func dependency(_ link: DependencyLink, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("parent")
        writer.string(link.parent)
        writer.key("child")
        writer.string(link.child)
        writer.key("callCount")
        writer.number(link.callCount)
        writer.key("errorCount")
        writer.number(link.errorCount)
        writer.endObject()
    }

    static func strings(_ values: [String], to writer: inout JSONWriter) {
        writer.beginArray()
        for value in values { writer.string(value) }
        writer.endArray()
    }

    /// `[{"name","spanKind"}]`; v1 writes an unspecified kind as "", api_v3 as "internal" (as Jaeger does each).
    static func operations(_ operations: [OperationName], unspecifiedKind: String, to writer: inout JSONWriter) {
        writer.beginArray()
        for operation in operations {
            writer.beginObject()
            writer.key("name")
            writer.string(operation.name)
            writer.key("spanKind")
            writer.string(operation.kind == .unspecified ? unspecifiedKind : operation.kind.shortName)
            writer.endObject()
        }
        writer.endArray()
    }
}

import TraceModel
import TraceStore

/// Writes a trace in the Jaeger query API's shape (what Grafana's Jaeger data source and Jaeger's UI read).
/// OTLP → Jaeger: parent → first CHILD_OF reference; links → FOLLOWS_FROM; events → logs (name in field `event`);
/// extra tags `span.kind`, `otel.status_code`, `otel.status_description`, `error`, `otel.scope.name`/`version`, `w3c.tracestate`.
enum JaegerTraceJSON {
    static func write(_ spans: [SpanRecord], to writer: inout JSONWriter) {
        let processes = Processes(spans)
        writer.beginObject()
        writer.key("traceID")
        writer.string(spans.first?.span.traceID.hex ?? "")
        writer.key("spans")
        writer.beginArray()
        for (index, record) in spans.enumerated() {
            writeSpan(record, processID: processes.idOfSpan[index], to: &writer)
        }
        writer.endArray()
        writer.key("processes")
        writer.beginObject()
        for (index, process) in processes.unique.enumerated() {
            writer.key("p\(index + 1)")
            writer.beginObject()
            writer.key("serviceName")
            writer.string(process.serviceName)
            writer.key("tags")
            writeTags(process.attributes.filter { $0.key != "service.name" }, to: &writer)
            writer.endObject()
        }
        writer.endObject()
        writer.key("warnings")
        writer.raw("null")
        writer.endObject()
    }

    private static func writeSpan(_ record: SpanRecord, processID: String, to writer: inout JSONWriter) {
        let span = record.span
        writer.beginObject()
        writer.key("traceID")
        writer.string(span.traceID.hex)
        writer.key("spanID")
        writer.string(span.spanID.hex)
        writer.key("operationName")
        writer.string(span.name)
        writer.key("references")
        writer.beginArray()
        if let parent = span.parentSpanID {
            writeReference("CHILD_OF", traceID: span.traceID, spanID: parent, to: &writer)
        }
        for link in span.links {
            writeReference("FOLLOWS_FROM", traceID: link.traceID, spanID: link.spanID, to: &writer)
        }
        writer.endArray()
        writer.key("startTime")
        writer.number(span.startTimeUnixNano / 1000)
        writer.key("duration")
        writer.number(span.durationNanos / 1000)
        writer.key("tags")
        writeTags(span.attributes + syntheticTags(record), to: &writer)
        writer.key("logs")
        writer.beginArray()
        for event in span.events {
            writer.beginObject()
            writer.key("timestamp")
            writer.number(event.timeUnixNano / 1000)
            writer.key("fields")
            writeTags([KeyValue("event", .string(event.name))] + event.attributes, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.key("processID")
        writer.string(processID)
        writer.key("warnings")
        if span.endTimeUnixNano < span.startTimeUnixNano {
            writer.beginArray()
            writer.string("span ends before it starts (end < start); duration shown as 0")
            writer.endArray()
        } else {
            writer.raw("null")
        }
        writer.endObject()
    }

    private static func writeReference(_ type: String, traceID: TraceID, spanID: SpanID, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("refType")
        writer.string(type)
        writer.key("traceID")
        writer.string(traceID.hex)
        writer.key("spanID")
        writer.string(spanID.hex)
        writer.endObject()
    }

    static func syntheticTags(_ record: SpanRecord) -> [KeyValue] {
        let span = record.span
        var tags: [KeyValue] = []
        if span.kind != .unspecified { tags.append(KeyValue("span.kind", .string(span.kind.shortName))) }
        switch span.status.code {
        case .ok: tags.append(KeyValue("otel.status_code", .string("OK")))
        case .error: tags.append(KeyValue("otel.status_code", .string("ERROR")))
        default: break
        }
        if !span.status.message.isEmpty { tags.append(KeyValue("otel.status_description", .string(span.status.message))) }
        if record.isError { tags.append(KeyValue("error", .bool(true))) }
        if !record.scope.name.isEmpty { tags.append(KeyValue("otel.scope.name", .string(record.scope.name))) }
        if !record.scope.version.isEmpty { tags.append(KeyValue("otel.scope.version", .string(record.scope.version))) }
        if !span.traceState.isEmpty { tags.append(KeyValue("w3c.tracestate", .string(span.traceState))) }
        return tags
    }

    /// Typed tags: `string|bool|int64|float64|binary`. Integers beyond 2^53 are written as strings (as Jaeger
    /// does) so JavaScript readers keep every digit; arrays and maps become their JSON text.
    static func writeTags(_ attributes: [KeyValue], to writer: inout JSONWriter) {
        writer.beginArray()
        for attribute in attributes {
            writer.beginObject()
            writer.key("key")
            writer.string(attribute.key)
            writer.key("type")
            switch attribute.value {
            case .bool(let value):
                writer.raw("\"bool\"")
                writer.key("value")
                writer.bool(value)
            case .int(let value):
                writer.raw("\"int64\"")
                writer.key("value")
                if value.magnitude > 1 << 53 { writer.quotedNumber(value) } else { writer.number(value) }
            case .double(let value):
                writer.raw("\"float64\"")
                writer.key("value")
                writer.double(value)
            case .bytes(let value):
                writer.raw("\"binary\"")
                writer.key("value")
                writer.string(Base64.encode(value))
            case .string(let value):
                writer.raw("\"string\"")
                writer.key("value")
                writer.string(value)
            case .empty, .array, .kvlist:
                writer.raw("\"string\"")
                writer.key("value")
                writer.string(AnyValueJSON.text(attribute.value))
            }
            writer.endObject()
        }
        writer.endArray()
    }
}

/// Jaeger's `processes` map: one entry per distinct (service, resource attributes).
private struct Processes {
    struct Process: Hashable {
        var serviceName: String
        var attributes: [KeyValue]
    }

    var unique: [Process] = []
    var idOfSpan: [String] = []

    init(_ spans: [SpanRecord]) {
        var ids: [Process: String] = [:]
        for record in spans {
            let process = Process(serviceName: record.serviceName, attributes: record.resource.attributes)
            if let id = ids[process] {
                idOfSpan.append(id)
            } else {
                unique.append(process)
                let id = "p\(unique.count)"
                ids[process] = id
                idOfSpan.append(id)
            }
        }
    }
}

/// AnyValue as plain JSON (arrays as arrays, kvlists as objects), for places that show a value as text.
enum AnyValueJSON {
    static func text(_ value: AnyValue) -> String {
        var writer = JSONWriter(capacity: 64)
        write(value, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func write(_ value: AnyValue, to writer: inout JSONWriter) {
        switch value {
        case .empty: writer.raw("null")
        case .string(let text): writer.string(text)
        case .bool(let flag): writer.bool(flag)
        case .int(let number): writer.number(number)
        case .double(let number): writer.double(number)
        case .bytes(let bytes): writer.string(Base64.encode(bytes))
        case .array(let values):
            writer.beginArray()
            for element in values { write(element, to: &writer) }
            writer.endArray()
        case .kvlist(let pairs):
            writer.beginObject()
            for pair in pairs {
                writer.key(pair.key)
                write(pair.value, to: &writer)
            }
            writer.endObject()
        }
    }
}

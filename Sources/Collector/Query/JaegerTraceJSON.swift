import JSONToolkit
import TraceModel
import TraceStore
import TracetopAPI
import WireCodecs

/// Writes a trace in the Jaeger query API's shape (what Grafana's Jaeger data source and Jaeger's UI read).
/// OTLP → Jaeger: parent → first CHILD_OF reference; links → FOLLOWS_FROM; events → logs (name in field `event`);
/// extra tags `span.kind`, `otel.status_code`, `otel.status_description`, `error`, `otel.scope.name`/`version`, `w3c.tracestate`.
enum JaegerTraceJSON {
    /// About what a span takes in this shape with the usual handful of attributes; only a buffer-size hint.
    static func expectedBytes(spans: Int) -> Int { 4096 + spans * 1536 }

    static func write(_ spans: [SpanRecord], to writer: inout JSONWriter) {
        let processes = Processes(spans)
        writer.beginObject()
        writer.key("traceID")
        if let first = spans.first { writer.string(first.span.traceID) } else { writer.string("") }
        writer.key("spans")
        writer.beginArray()
        for (index, record) in spans.enumerated() {
            writeSpan(record, processID: processes.idOfSpan[index], to: &writer)
        }
        writer.endArray()
        writer.key("processes")
        writer.beginObject()
        for (index, process) in processes.unique.enumerated() {
            writer.key(Processes.id(index))
            writer.beginObject()
            writer.key("serviceName")
            writer.string(process.serviceName)
            writer.key("tags")
            writer.beginArray()
            for attribute in process.attributes where attribute.key != "service.name" {
                writeTag(attribute.key, attribute.value, to: &writer)
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endObject()
        writer.key("warnings")
        writer.raw("null")
        writer.endObject()
    }

    private static func writeSpan(_ record: SpanRecord, processID: Int, to writer: inout JSONWriter) {
        let span = record.span
        writer.beginObject()
        writer.key("traceID")
        writer.string(span.traceID)
        writer.key("spanID")
        writer.string(span.spanID)
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
        writer.beginArray()
        for attribute in span.attributes { writeTag(attribute.key, attribute.value, to: &writer) }
        writeSyntheticTags(record, to: &writer)
        writer.endArray()
        writer.key("logs")
        writer.beginArray()
        for event in span.events {
            writer.beginObject()
            writer.key("timestamp")
            writer.number(event.timeUnixNano / 1000)
            writer.key("fields")
            writer.beginArray()
            writeTag("event", .string(event.name), to: &writer)
            for attribute in event.attributes { writeTag(attribute.key, attribute.value, to: &writer) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.key("processID")
        writer.string(Processes.id(processID))
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
        writer.string(traceID)
        writer.key("spanID")
        writer.string(spanID)
        writer.endObject()
    }

    /// The tags Jaeger shows that OTLP keeps outside the attributes, after them, in this order.
    private static func writeSyntheticTags(_ record: SpanRecord, to writer: inout JSONWriter) {
        let span = record.span
        if span.kind != .unspecified { writeTag(SyntheticTags.spanKind, .string(span.kind.shortName), to: &writer) }
        switch span.status.code {
        case .ok: writeTag(SyntheticTags.statusCode, .string(SyntheticTags.statusOK), to: &writer)
        case .error: writeTag(SyntheticTags.statusCode, .string(SyntheticTags.statusError), to: &writer)
        default: break
        }
        if !span.status.message.isEmpty { writeTag(SyntheticTags.statusDescription, .string(span.status.message), to: &writer) }
        if record.isError { writeTag(SyntheticTags.error, .bool(true), to: &writer) }
        if !record.scope.name.isEmpty { writeTag(SyntheticTags.scopeName, .string(record.scope.name), to: &writer) }
        if !record.scope.version.isEmpty { writeTag(SyntheticTags.scopeVersion, .string(record.scope.version), to: &writer) }
        if !span.traceState.isEmpty { writeTag(SyntheticTags.traceState, .string(span.traceState), to: &writer) }
    }

    /// Typed tags: `string|bool|int64|float64|binary`. Integers beyond 2^53 are written as strings (as Jaeger
    /// does) so JavaScript readers keep every digit; arrays and maps become their JSON text.
    static func writeTags(_ attributes: [KeyValue], to writer: inout JSONWriter) {
        writer.beginArray()
        for attribute in attributes { writeTag(attribute.key, attribute.value, to: &writer) }
        writer.endArray()
    }

    private static func writeTag(_ key: String, _ value: AnyValue, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("key")
        writer.string(key)
        writer.key("type")
        switch value {
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
            writer.string(Tag.jsonText(value))
        }
        writer.endObject()
    }
}

/// Jaeger's `processes` map: one entry per distinct (service, resource attributes), numbered `p1`, `p2`, ….
private struct Processes {
    struct Process: Hashable {
        var serviceName: String
        var attributes: [KeyValue]
    }

    var unique: [Process] = []
    /// Index into `unique` of each span's process.
    var idOfSpan: [Int] = []

    init(_ spans: [SpanRecord]) {
        idOfSpan.reserveCapacity(spans.count)
        var ids: [Process: Int] = [:]
        // Spans read together share their resource's attribute array: comparing with the previous span's is
        // then a pointer check, where hashing every span's attributes cost more than writing them.
        var previous: (attributes: [KeyValue], id: Int)?
        for record in spans {
            if let previous, previous.attributes == record.resource.attributes {
                idOfSpan.append(previous.id)
                continue
            }
            let process = Process(serviceName: record.serviceName, attributes: record.resource.attributes)
            let id: Int
            if let known = ids[process] {
                id = known
            } else {
                id = unique.count
                unique.append(process)
                ids[process] = id
            }
            idOfSpan.append(id)
            previous = (record.resource.attributes, id)
        }
    }

    /// `p1` for the first process.
    static func id(_ index: Int) -> String { "p\(index + 1)" }
}

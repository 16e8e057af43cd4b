import JSONToolkit
import TraceModel

/// Writes OTLP JSON as the protobuf JSON mapping specifies it: lowerCamelCase keys in proto field order,
/// lowercase hex ids, 64-bit integers as decimal strings, enums as integers, default values omitted.
/// The output reads back through `OTLPJSON.decodeTraces` / `decodeLogs` to equal values.
enum OTLPJSONEncoder {
    static func encode(_ traces: TracesData) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024 * (traces.spanCount + 1))
        writer.beginObject()
        writer.key("resourceSpans")
        writer.beginArray()
        for resourceSpans in traces.resourceSpans {
            writer.beginObject()
            writer.resource(resourceSpans.resource)
            writer.key("scopeSpans")
            writer.beginArray()
            for scopeSpans in resourceSpans.scopeSpans {
                writer.beginObject()
                writer.scope(scopeSpans.scope)
                writer.key("spans")
                writer.beginArray()
                for span in scopeSpans.spans { writer.span(span) }
                writer.endArray()
                writer.nonEmpty("schemaUrl", scopeSpans.schemaUrl)
                writer.endObject()
            }
            writer.endArray()
            writer.nonEmpty("schemaUrl", resourceSpans.schemaUrl)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    static func encode(_ logs: LogsData) -> [UInt8] {
        var writer = JSONWriter(capacity: 512 * (logs.logRecordCount + 1))
        writer.beginObject()
        writer.key("resourceLogs")
        writer.beginArray()
        for resourceLogs in logs.resourceLogs {
            writer.beginObject()
            writer.resource(resourceLogs.resource)
            writer.key("scopeLogs")
            writer.beginArray()
            for scopeLogs in resourceLogs.scopeLogs {
                writer.beginObject()
                writer.scope(scopeLogs.scope)
                writer.key("logRecords")
                writer.beginArray()
                for record in scopeLogs.logRecords { writer.logRecord(record) }
                writer.endArray()
                writer.nonEmpty("schemaUrl", scopeLogs.schemaUrl)
                writer.endObject()
            }
            writer.endArray()
            writer.nonEmpty("schemaUrl", resourceLogs.schemaUrl)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }
}

/// The OTLP messages, one writer method each.
extension JSONWriter {
    mutating func span(_ span: Span) {
        beginObject()
        key("traceId")
        string(span.traceID.hex)
        key("spanId")
        string(span.spanID.hex)
        nonEmpty("traceState", span.traceState)
        if let parent = span.parentSpanID, parent.isValid {
            key("parentSpanId")
            string(parent.hex)
        }
        nonZero("flags", span.flags)
        nonEmpty("name", span.name)
        nonZero("kind", span.kind.rawValue)
        nonZeroQuoted("startTimeUnixNano", span.startTimeUnixNano)
        nonZeroQuoted("endTimeUnixNano", span.endTimeUnixNano)
        attributes(span.attributes)
        nonZero("droppedAttributesCount", span.droppedAttributesCount)
        if !span.events.isEmpty {
            key("events")
            beginArray()
            for event in span.events { self.event(event) }
            endArray()
        }
        nonZero("droppedEventsCount", span.droppedEventsCount)
        if !span.links.isEmpty {
            key("links")
            beginArray()
            for link in span.links { self.link(link) }
            endArray()
        }
        nonZero("droppedLinksCount", span.droppedLinksCount)
        if span.status != SpanStatus() {
            key("status")
            beginObject()
            nonEmpty("message", span.status.message)
            nonZero("code", span.status.code.rawValue)
            endObject()
        }
        endObject()
    }

    mutating func event(_ event: SpanEvent) {
        beginObject()
        nonZeroQuoted("timeUnixNano", event.timeUnixNano)
        nonEmpty("name", event.name)
        attributes(event.attributes)
        nonZero("droppedAttributesCount", event.droppedAttributesCount)
        endObject()
    }

    mutating func link(_ link: SpanLink) {
        beginObject()
        key("traceId")
        string(link.traceID.hex)
        key("spanId")
        string(link.spanID.hex)
        nonEmpty("traceState", link.traceState)
        attributes(link.attributes)
        nonZero("droppedAttributesCount", link.droppedAttributesCount)
        nonZero("flags", link.flags)
        endObject()
    }

    mutating func logRecord(_ record: LogRecord) {
        beginObject()
        nonZeroQuoted("timeUnixNano", record.timeUnixNano)
        nonZeroQuoted("observedTimeUnixNano", record.observedTimeUnixNano)
        nonZero("severityNumber", record.severityNumber)
        nonEmpty("severityText", record.severityText)
        if record.body != .empty {
            key("body")
            anyValue(record.body)
        }
        attributes(record.attributes)
        nonZero("droppedAttributesCount", record.droppedAttributesCount)
        nonZero("flags", record.flags)
        if let traceID = record.traceID, traceID.isValid {
            key("traceId")
            string(traceID.hex)
        }
        if let spanID = record.spanID, spanID.isValid {
            key("spanId")
            string(spanID.hex)
        }
        nonEmpty("eventName", record.eventName)
        endObject()
    }

    mutating func resource(_ resource: Resource) {
        guard resource != Resource() else { return }
        key("resource")
        beginObject()
        attributes(resource.attributes)
        nonZero("droppedAttributesCount", resource.droppedAttributesCount)
        endObject()
    }

    mutating func scope(_ scope: InstrumentationScope) {
        guard scope != InstrumentationScope() else { return }
        key("scope")
        beginObject()
        nonEmpty("name", scope.name)
        nonEmpty("version", scope.version)
        attributes(scope.attributes)
        nonZero("droppedAttributesCount", scope.droppedAttributesCount)
        endObject()
    }

    mutating func attributes(_ attributes: [KeyValue]) {
        guard !attributes.isEmpty else { return }
        key("attributes")
        keyValues(attributes)
    }

    mutating func keyValues(_ pairs: [KeyValue]) {
        beginArray()
        for pair in pairs {
            beginObject()
            key("key")
            string(pair.key)
            key("value")
            anyValue(pair.value)
            endObject()
        }
        endArray()
    }

    mutating func anyValue(_ value: AnyValue) {
        beginObject()
        switch value {
        case .empty: break
        case .string(let text):
            key("stringValue")
            string(text)
        case .bool(let flag):
            key("boolValue")
            bool(flag)
        case .int(let number):
            key("intValue")
            quotedNumber(number)
        case .double(let number):
            key("doubleValue")
            double(number)
        case .bytes(let data):
            key("bytesValue")
            string(Base64.encode(data))
        case .array(let values):
            key("arrayValue")
            beginObject()
            key("values")
            beginArray()
            for element in values { anyValue(element) }
            endArray()
            endObject()
        case .kvlist(let pairs):
            key("kvlistValue")
            beginObject()
            key("values")
            keyValues(pairs)
            endObject()
        }
        endObject()
    }

    // MARK: Defaults are omitted

    mutating func nonEmpty(_ name: StaticString, _ value: String) {
        guard !value.isEmpty else { return }
        key(name)
        string(value)
    }

    mutating func nonZero(_ name: StaticString, _ value: some BinaryInteger) {
        guard value != 0 else { return }
        key(name)
        number(value)
    }

    mutating func nonZeroQuoted(_ name: StaticString, _ value: UInt64) {
        guard value != 0 else { return }
        key(name)
        quotedNumber(value)
    }
}

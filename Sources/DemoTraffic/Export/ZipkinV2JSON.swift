import JSONToolkit
import TraceModel
import WireCodecs

/// Spans as a Zipkin-instrumented service reports them: a Zipkin v2 JSON list for `POST /api/v2/spans`, written
/// the way OpenTelemetry's Zipkin exporters write it (the specification's `trace/sdk_exporters/zipkin.md`):
/// times in microseconds, attributes as string tags, the status as `otel.status_code` and `error`, events as
/// annotations holding `{"name":{attributes}}`, links as `otlp.link.N` tags, the scope as `otel.scope.*` tags.
/// The demo's legacy service sends its spans this way, so `scripts/demo` shows the Zipkin door too.
enum ZipkinV2JSON {
    static func encode(_ traces: TracesData) -> [UInt8] {
        var writer = JSONWriter(capacity: 4096)
        writer.beginArray()
        for resourceSpans in traces.resourceSpans {
            for scopeSpans in resourceSpans.scopeSpans {
                for span in scopeSpans.spans {
                    write(span, service: resourceSpans.resource.serviceName, scope: scopeSpans.scope, to: &writer)
                }
            }
        }
        writer.endArray()
        return writer.bytes
    }

    private static func write(_ span: Span, service: String, scope: InstrumentationScope, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("traceId")
        writer.string(span.traceID)
        writer.key("id")
        writer.string(span.spanID)
        if let parent = span.parentSpanID {
            writer.key("parentId")
            writer.string(parent)
        }
        writer.key("name")
        writer.string(span.name)
        if let kind = kindName(span.kind) {
            writer.key("kind")
            writer.string(kind)
        }
        writer.key("timestamp")
        writer.number(span.startTimeUnixNano / 1000)
        writer.key("duration")
        writer.number(max(span.durationNanos / 1000, 1))
        writer.key("localEndpoint")
        writer.beginObject()
        writer.key("serviceName")
        writer.string(service)
        writer.endObject()
        if !span.events.isEmpty {
            writer.key("annotations")
            writer.beginArray()
            for event in span.events {
                writer.beginObject()
                writer.key("timestamp")
                writer.number(event.timeUnixNano / 1000)
                writer.key("value")
                writer.string(annotationValue(event))
                writer.endObject()
            }
            writer.endArray()
        }
        writer.key("tags")
        writer.beginObject()
        for (key, value) in tags(span, scope: scope) {
            writer.key(key)
            writer.string(value)
        }
        writer.endObject()
        writer.endObject()
    }

    private static func kindName(_ kind: SpanKind) -> String? {
        switch kind {
        case .client: return "CLIENT"
        case .server: return "SERVER"
        case .producer: return "PRODUCER"
        case .consumer: return "CONSUMER"
        default: return nil
        }
    }

    private static func tags(_ span: Span, scope: InstrumentationScope) -> [(String, String)] {
        var tags = span.attributes.map { ($0.key, $0.value.displayString) }
        if span.kind == .internal { tags.append((SyntheticTags.spanKind, "internal")) }
        tags += [(SyntheticTags.scopeName, scope.name), (SyntheticTags.scopeVersion, scope.version)]
        switch span.status.code {
        case .ok: tags.append((SyntheticTags.statusCode, SyntheticTags.statusOK))
        case .error: tags += [(SyntheticTags.statusCode, SyntheticTags.statusError), (SyntheticTags.error, span.status.message)]
        default: break
        }
        for (index, link) in span.links.enumerated() {
            tags.append(
                ("otlp.link.\(index)", "\(link.traceID.hex)|\(link.spanID.hex)|\(link.traceState)|\(attributesJSON(link.attributes))|0"))
        }
        return tags
    }

    /// `{"name":{attributes}}`, the specification's form.
    private static func annotationValue(_ event: SpanEvent) -> String {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.key(event.name)
        write(event.attributes, to: &writer)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private static func attributesJSON(_ attributes: [KeyValue]) -> String {
        var writer = JSONWriter(capacity: 128)
        write(attributes, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Attributes as one JSON object, keeping numbers and booleans typed (the receiver reads them back typed).
    private static func write(_ attributes: [KeyValue], to writer: inout JSONWriter) {
        writer.beginObject()
        for attribute in attributes {
            writer.key(attribute.key)
            switch attribute.value {
            case .int(let number): writer.number(number)
            case .double(let number) where number.isFinite: writer.double(number)
            case .bool(let flag): writer.bool(flag)
            default: writer.string(attribute.value.displayString)
            }
        }
        writer.endObject()
    }
}

import JSONToolkit
import TraceModel

/// An annotation as a span event. OpenTelemetry's Zipkin exporters encode an event with attributes as the
/// annotation value `{"event name":{"key":value,…}}` (the specification's form; the Python and Java exporters) or
/// `event name|{"key":value,…}|dropped count` (the OpenTelemetry Collector's): both are read back into a name and
/// attributes. Anything else — Zipkin's own `cs`, `sr`, `ws`, free text — is the event's name.
enum ZipkinAnnotationEvent {
    static func event(from annotation: ZipkinAnnotation) -> SpanEvent {
        let time = annotation.timestampMicros &* 1000
        if let (name, attributes) = specificationForm(annotation.value) {
            return SpanEvent(timeUnixNano: time, name: name, attributes: attributes)
        }
        if let (name, attributes, dropped) = collectorForm(annotation.value) {
            return SpanEvent(timeUnixNano: time, name: name, attributes: attributes, droppedAttributesCount: dropped)
        }
        return SpanEvent(timeUnixNano: time, name: annotation.value)
    }

    /// `{"name":{…}}`: exactly one member whose value is an object.
    private static func specificationForm(_ value: String) -> (String, [KeyValue])? {
        guard value.hasPrefix("{"), value.hasSuffix("}"), case .object(let object)? = try? JSONValue.parse(value),
            object.members.count == 1, case .object(let attributes) = object.members[0].value
        else { return nil }
        return (object.members[0].key, attributes.members.map { KeyValue($0.key, $0.value.anyValue) })
    }

    /// `name|{…}|N`: the name may itself hold `|`, so the last two fields are split off from the end.
    private static func collectorForm(_ value: String) -> (String, [KeyValue], UInt32)? {
        guard let lastBar = value.lastIndex(of: "|"), let dropped = UInt32(value[value.index(after: lastBar)...]) else { return nil }
        let rest = value[..<lastBar]
        guard let nameBar = rest.firstIndex(of: "|"),
            case .object(let attributes)? = try? JSONValue.parse(String(rest[rest.index(after: nameBar)...]))
        else {
            return nil
        }
        return (String(rest[..<nameBar]), attributes.members.map { KeyValue($0.key, $0.value.anyValue) }, dropped)
    }
}

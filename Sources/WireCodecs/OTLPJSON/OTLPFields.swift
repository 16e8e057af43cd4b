/// The known keys of every OTLP message the JSON decoders read. Anything else is skipped.

enum TracesRequestField: OTLPFieldSet {
    case resourceSpans
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        OTLPKeyName.matches(key, "resourceSpans") ? .resourceSpans : nil
    }
}

enum LogsRequestField: OTLPFieldSet {
    case resourceLogs
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        OTLPKeyName.matches(key, "resourceLogs") ? .resourceLogs : nil
    }
}

/// ResourceSpans and ResourceLogs share their keys but for the list's name.
enum ResourceGroupField: OTLPFieldSet {
    case resource, scopeSpans, scopeLogs, schemaUrl
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "r"): return OTLPKeyName.matches(key, "resource") ? .resource : nil
        case UInt8(ascii: "s"):
            if OTLPKeyName.matches(key, "scopeSpans") { return .scopeSpans }
            if OTLPKeyName.matches(key, "scopeLogs") { return .scopeLogs }
            if OTLPKeyName.matches(key, "schemaUrl") { return .schemaUrl }
            return nil
        default: return nil
        }
    }
}

/// ScopeSpans and ScopeLogs.
enum ScopeGroupField: OTLPFieldSet {
    case scope, spans, logRecords, schemaUrl
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "s"):
            if OTLPKeyName.matches(key, "spans") { return .spans }
            if OTLPKeyName.matches(key, "scope") { return .scope }
            if OTLPKeyName.matches(key, "schemaUrl") { return .schemaUrl }
            return nil
        case UInt8(ascii: "l"): return OTLPKeyName.matches(key, "logRecords") ? .logRecords : nil
        default: return nil
        }
    }
}

enum ResourceField: OTLPFieldSet {
    case attributes, droppedAttributesCount
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "a"): return OTLPKeyName.matches(key, "attributes") ? .attributes : nil
        case UInt8(ascii: "d"): return OTLPKeyName.matches(key, "droppedAttributesCount") ? .droppedAttributesCount : nil
        default: return nil
        }
    }
}

enum ScopeField: OTLPFieldSet {
    case name, version, attributes, droppedAttributesCount
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "n"): return OTLPKeyName.matches(key, "name") ? .name : nil
        case UInt8(ascii: "v"): return OTLPKeyName.matches(key, "version") ? .version : nil
        case UInt8(ascii: "a"): return OTLPKeyName.matches(key, "attributes") ? .attributes : nil
        case UInt8(ascii: "d"): return OTLPKeyName.matches(key, "droppedAttributesCount") ? .droppedAttributesCount : nil
        default: return nil
        }
    }
}

enum SpanField: OTLPFieldSet {
    case traceId, spanId, traceState, parentSpanId, flags, name, kind, startTimeUnixNano, endTimeUnixNano
    case attributes, droppedAttributesCount, events, droppedEventsCount, links, droppedLinksCount, status

    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "t"):
            if OTLPKeyName.matches(key, "traceId") { return .traceId }
            return OTLPKeyName.matches(key, "traceState") ? .traceState : nil
        case UInt8(ascii: "s"):
            if OTLPKeyName.matches(key, "spanId") { return .spanId }
            if OTLPKeyName.matches(key, "startTimeUnixNano") { return .startTimeUnixNano }
            return OTLPKeyName.matches(key, "status") ? .status : nil
        case UInt8(ascii: "p"): return OTLPKeyName.matches(key, "parentSpanId") ? .parentSpanId : nil
        case UInt8(ascii: "f"): return OTLPKeyName.matches(key, "flags") ? .flags : nil
        case UInt8(ascii: "n"): return OTLPKeyName.matches(key, "name") ? .name : nil
        case UInt8(ascii: "k"): return OTLPKeyName.matches(key, "kind") ? .kind : nil
        case UInt8(ascii: "e"):
            if OTLPKeyName.matches(key, "endTimeUnixNano") { return .endTimeUnixNano }
            return OTLPKeyName.matches(key, "events") ? .events : nil
        case UInt8(ascii: "a"): return OTLPKeyName.matches(key, "attributes") ? .attributes : nil
        case UInt8(ascii: "d"):
            if OTLPKeyName.matches(key, "droppedAttributesCount") { return .droppedAttributesCount }
            if OTLPKeyName.matches(key, "droppedEventsCount") { return .droppedEventsCount }
            return OTLPKeyName.matches(key, "droppedLinksCount") ? .droppedLinksCount : nil
        case UInt8(ascii: "l"): return OTLPKeyName.matches(key, "links") ? .links : nil
        default: return nil
        }
    }
}

enum EventField: OTLPFieldSet {
    case timeUnixNano, name, attributes, droppedAttributesCount
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "t"): return OTLPKeyName.matches(key, "timeUnixNano") ? .timeUnixNano : nil
        case UInt8(ascii: "n"): return OTLPKeyName.matches(key, "name") ? .name : nil
        case UInt8(ascii: "a"): return OTLPKeyName.matches(key, "attributes") ? .attributes : nil
        case UInt8(ascii: "d"): return OTLPKeyName.matches(key, "droppedAttributesCount") ? .droppedAttributesCount : nil
        default: return nil
        }
    }
}

enum LinkField: OTLPFieldSet {
    case traceId, spanId, traceState, attributes, droppedAttributesCount, flags
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "t"):
            if OTLPKeyName.matches(key, "traceId") { return .traceId }
            return OTLPKeyName.matches(key, "traceState") ? .traceState : nil
        case UInt8(ascii: "s"): return OTLPKeyName.matches(key, "spanId") ? .spanId : nil
        case UInt8(ascii: "a"): return OTLPKeyName.matches(key, "attributes") ? .attributes : nil
        case UInt8(ascii: "d"): return OTLPKeyName.matches(key, "droppedAttributesCount") ? .droppedAttributesCount : nil
        case UInt8(ascii: "f"): return OTLPKeyName.matches(key, "flags") ? .flags : nil
        default: return nil
        }
    }
}

enum StatusField: OTLPFieldSet {
    case message, code
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "m"): return OTLPKeyName.matches(key, "message") ? .message : nil
        case UInt8(ascii: "c"): return OTLPKeyName.matches(key, "code") ? .code : nil
        default: return nil
        }
    }
}

enum LogRecordField: OTLPFieldSet {
    case timeUnixNano, observedTimeUnixNano, severityNumber, severityText, body, attributes
    case droppedAttributesCount, flags, traceId, spanId, eventName

    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "t"):
            if OTLPKeyName.matches(key, "timeUnixNano") { return .timeUnixNano }
            return OTLPKeyName.matches(key, "traceId") ? .traceId : nil
        case UInt8(ascii: "o"): return OTLPKeyName.matches(key, "observedTimeUnixNano") ? .observedTimeUnixNano : nil
        case UInt8(ascii: "s"):
            if OTLPKeyName.matches(key, "severityNumber") { return .severityNumber }
            if OTLPKeyName.matches(key, "severityText") { return .severityText }
            return OTLPKeyName.matches(key, "spanId") ? .spanId : nil
        case UInt8(ascii: "b"): return OTLPKeyName.matches(key, "body") ? .body : nil
        case UInt8(ascii: "a"): return OTLPKeyName.matches(key, "attributes") ? .attributes : nil
        case UInt8(ascii: "d"): return OTLPKeyName.matches(key, "droppedAttributesCount") ? .droppedAttributesCount : nil
        case UInt8(ascii: "f"): return OTLPKeyName.matches(key, "flags") ? .flags : nil
        case UInt8(ascii: "e"): return OTLPKeyName.matches(key, "eventName") ? .eventName : nil
        default: return nil
        }
    }
}

enum KeyValueField: OTLPFieldSet {
    case key, value
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "k"): return OTLPKeyName.matches(key, "key") ? .key : nil
        case UInt8(ascii: "v"): return OTLPKeyName.matches(key, "value") ? .value : nil
        default: return nil
        }
    }
}

enum AnyValueField: OTLPFieldSet {
    case stringValue, boolValue, intValue, doubleValue, arrayValue, kvlistValue, bytesValue
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        switch OTLPKeyName.first(key) {
        case UInt8(ascii: "s"): return OTLPKeyName.matches(key, "stringValue") ? .stringValue : nil
        case UInt8(ascii: "i"): return OTLPKeyName.matches(key, "intValue") ? .intValue : nil
        case UInt8(ascii: "b"):
            if OTLPKeyName.matches(key, "boolValue") { return .boolValue }
            return OTLPKeyName.matches(key, "bytesValue") ? .bytesValue : nil
        case UInt8(ascii: "d"): return OTLPKeyName.matches(key, "doubleValue") ? .doubleValue : nil
        case UInt8(ascii: "a"): return OTLPKeyName.matches(key, "arrayValue") ? .arrayValue : nil
        case UInt8(ascii: "k"): return OTLPKeyName.matches(key, "kvlistValue") ? .kvlistValue : nil
        default: return nil
        }
    }
}

/// ArrayValue and KeyValueList: `{"values": [...]}`.
enum ValuesField: OTLPFieldSet {
    case values
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self? {
        OTLPKeyName.matches(key, "values") ? .values : nil
    }
}

import TraceModel

/// The blob columns: what of a span, log, resource or scope is kept but not queried by SQL.
/// Columns that SQL filters on (ids, times, service, operation, status) are not repeated here.
/// Span and log bodies write attributes in the dictionary form (`StringDictionary`); resources and scopes,
/// stored once each, in the plain form.
enum RowCodec {
    static func encodeSpanBody(_ span: Span, into writer: inout BinaryWriter, interner: inout StringInterner) {
        writer.writeString(span.traceState)
        writer.writeVarint(UInt64(span.flags))
        writer.writeString(span.status.message)
        writer.writeAttributes(span.attributes, interner: &interner)
        writer.writeVarint(UInt64(span.droppedAttributesCount))
        writer.writeVarint(UInt64(span.events.count))
        for event in span.events {
            writer.writeVarint(event.timeUnixNano)
            writer.writeString(event.name)
            writer.writeAttributes(event.attributes, interner: &interner)
            writer.writeVarint(UInt64(event.droppedAttributesCount))
        }
        writer.writeVarint(UInt64(span.droppedEventsCount))
        writer.writeVarint(UInt64(span.links.count))
        for link in span.links {
            writer.writeVarint(link.traceID.high)
            writer.writeVarint(link.traceID.low)
            writer.writeVarint(link.spanID.value)
            writer.writeString(link.traceState)
            writer.writeAttributes(link.attributes, interner: &interner)
            writer.writeVarint(UInt64(link.droppedAttributesCount))
            writer.writeVarint(UInt64(link.flags))
        }
        writer.writeVarint(UInt64(span.droppedLinksCount))
    }

    /// Fills the blob's fields into a span whose SQL columns are already set.
    static func decodeSpanBody(_ bytes: [UInt8], into span: inout Span, form: AttributeForm) throws {
        var reader = BinaryReader(bytes)
        span.traceState = try reader.readString()
        span.flags = try reader.readUInt32()
        span.status.message = try reader.readString()
        span.attributes = try reader.readAttributes(form)
        span.droppedAttributesCount = try reader.readUInt32()
        let eventCount = try reader.readLength()
        span.events = try (0..<eventCount).map { _ in
            SpanEvent(
                timeUnixNano: try reader.readVarint(), name: try reader.readString(),
                attributes: try reader.readAttributes(form), droppedAttributesCount: try reader.readUInt32())
        }
        span.droppedEventsCount = try reader.readUInt32()
        let linkCount = try reader.readLength()
        span.links = try (0..<linkCount).map { _ in
            SpanLink(
                traceID: TraceID(high: try reader.readVarint(), low: try reader.readVarint()),
                spanID: SpanID(try reader.readVarint()), traceState: try reader.readString(),
                attributes: try reader.readAttributes(form), droppedAttributesCount: try reader.readUInt32(),
                flags: try reader.readUInt32())
        }
        span.droppedLinksCount = try reader.readUInt32()
    }

    static func encodeResource(_ resource: Resource, schemaUrl: String) -> [UInt8] {
        var writer = BinaryWriter()
        writer.writeAttributes(resource.attributes)
        writer.writeVarint(UInt64(resource.droppedAttributesCount))
        writer.writeString(schemaUrl)
        return writer.bytes
    }

    static func decodeResource(_ bytes: [UInt8]) throws -> (Resource, schemaUrl: String) {
        var reader = BinaryReader(bytes)
        let resource = Resource(attributes: try reader.readAttributes(), droppedAttributesCount: try reader.readUInt32())
        return (resource, try reader.readString())
    }

    static func encodeScope(_ scope: InstrumentationScope, schemaUrl: String) -> [UInt8] {
        var writer = BinaryWriter()
        writer.writeString(scope.name)
        writer.writeString(scope.version)
        writer.writeAttributes(scope.attributes)
        writer.writeVarint(UInt64(scope.droppedAttributesCount))
        writer.writeString(schemaUrl)
        return writer.bytes
    }

    static func decodeScope(_ bytes: [UInt8]) throws -> (InstrumentationScope, schemaUrl: String) {
        var reader = BinaryReader(bytes)
        let scope = InstrumentationScope(
            name: try reader.readString(), version: try reader.readString(),
            attributes: try reader.readAttributes(), droppedAttributesCount: try reader.readUInt32())
        return (scope, try reader.readString())
    }

    static func encodeLogBody(_ entry: LogEntry, interner: inout StringInterner) -> [UInt8] {
        var writer = BinaryWriter()
        let record = entry.record
        writer.writeVarint(record.timeUnixNano)
        writer.writeVarint(record.observedTimeUnixNano)
        writer.writeVarint(entry.receivedTimeUnixNano)
        writer.writeString(record.severityText)
        writer.writeValue(record.body, keyID: nil, interner: &interner)
        writer.writeAttributes(record.attributes, interner: &interner)
        writer.writeVarint(UInt64(record.droppedAttributesCount))
        writer.writeVarint(UInt64(record.flags))
        writer.writeString(record.eventName)
        writer.writeVarint(UInt64(entry.correlationIDs.count))
        for id in entry.correlationIDs { writer.writeString(id) }
        return writer.bytes
    }

    /// Fills the blob's fields into an entry whose SQL columns (severity number, ids, resource, scope) are already set.
    static func decodeLogBody(_ bytes: [UInt8], into entry: inout LogEntry, form: AttributeForm) throws {
        var reader = BinaryReader(bytes)
        var record = entry.record
        record.timeUnixNano = try reader.readVarint()
        record.observedTimeUnixNano = try reader.readVarint()
        entry.receivedTimeUnixNano = try reader.readVarint()
        record.severityText = try reader.readString()
        record.body = try reader.readValue(form)
        record.attributes = try reader.readAttributes(form)
        record.droppedAttributesCount = try reader.readUInt32()
        record.flags = try reader.readUInt32()
        record.eventName = try reader.readString()
        entry.record = record
        let correlationCount = try reader.readLength()
        entry.correlationIDs = try (0..<correlationCount).map { _ in try reader.readString() }
    }
}

/// How a body's attributes were written: plain (bodies written before migration "v3 string dictionary", read
/// only by that migration) or in the dictionary form, read with a `DictionaryCache` snapshot.
enum AttributeForm {
    case plain
    case dictionary([String])
}

extension BinaryReader {
    mutating func readAttributes(_ form: AttributeForm) throws -> [KeyValue] {
        switch form {
        case .plain: try readAttributes()
        case .dictionary(let strings): try readAttributes(dictionary: strings)
        }
    }

    mutating func readValue(_ form: AttributeForm) throws -> AnyValue {
        switch form {
        case .plain: try readValue()
        case .dictionary(let strings): try readValue(dictionary: strings)
        }
    }
}

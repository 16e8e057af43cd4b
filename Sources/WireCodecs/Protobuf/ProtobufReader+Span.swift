import TraceModel

/// Why one span (not the whole request) cannot be kept.
struct RejectedItem: Error {
    var reason: String
}

/// Decoding of `Span` and the messages inside it.
extension ProtobufReader {
    /// One `Span`, appended to `spans`. Wire-format errors throw (the request is malformed); an unusable id
    /// only rejects this span, which is returned instead. (Appending here rather than returning the span
    /// saves copying a large struct twice per span.)
    mutating func decodeSpan(into spans: inout [Span]) throws(OTLPDecodingError) -> RejectedItem? {
        // Ids are kept as borrowed bytes and checked once the whole message is read (a repeated field: last wins).
        var traceIDBytes = UnsafeRawBufferPointer(start: nil, count: 0)
        var spanIDBytes = UnsafeRawBufferPointer(start: nil, count: 0)
        var parentBytes = UnsafeRawBufferPointer(start: nil, count: 0)
        var traceState = "", name = ""
        var flags: UInt32 = 0
        var kind = SpanKind.unspecified
        var start: UInt64 = 0, end: UInt64 = 0
        var attributes: [KeyValue] = []
        var events: [SpanEvent] = []
        var links: [SpanLink] = []
        var droppedAttributes: UInt32 = 0, droppedEvents: UInt32 = 0, droppedLinks: UInt32 = 0, invalidLinks: UInt32 = 0
        var status = SpanStatus()
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case OTLPField.Span.traceID:
                try expect(tag, .lengthDelimited, "Span.trace_id")
                traceIDBytes = try readBytes()
            case OTLPField.Span.spanID:
                try expect(tag, .lengthDelimited, "Span.span_id")
                spanIDBytes = try readBytes()
            case OTLPField.Span.traceState:
                try expect(tag, .lengthDelimited, "Span.trace_state")
                traceState = try readString()
            case OTLPField.Span.parentSpanID:
                try expect(tag, .lengthDelimited, "Span.parent_span_id")
                parentBytes = try readBytes()
            case OTLPField.Span.name:
                try expect(tag, .lengthDelimited, "Span.name")
                name = try readString()
            case OTLPField.Span.kind:
                try expect(tag, .varint, "Span.kind")
                kind = SpanKind(rawValue: Int32(truncatingIfNeeded: try readVarint()))
            case OTLPField.Span.startTimeUnixNano:
                try expect(tag, .fixed64, "Span.start_time_unix_nano")
                start = try readFixed64()
            case OTLPField.Span.endTimeUnixNano:
                try expect(tag, .fixed64, "Span.end_time_unix_nano")
                end = try readFixed64()
            case OTLPField.Span.attributes:
                try appendKeyValue(to: &attributes, tag: tag, "Span.attributes")
            case OTLPField.Span.droppedAttributesCount:
                try expect(tag, .varint, "Span.dropped_attributes_count")
                droppedAttributes = UInt32(truncatingIfNeeded: try readVarint())
            case OTLPField.Span.events:
                try expect(tag, .lengthDelimited, "Span.events")
                var nested = try readMessage()
                events.append(try nested.decodeEvent())
            case OTLPField.Span.droppedEventsCount:
                try expect(tag, .varint, "Span.dropped_events_count")
                droppedEvents = UInt32(truncatingIfNeeded: try readVarint())
            case OTLPField.Span.links:
                try expect(tag, .lengthDelimited, "Span.links")
                var nested = try readMessage()
                // A link to an invalid span cannot be stored; like the JSON decoder, count it as dropped
                // rather than failing the span.
                if let link = try nested.decodeLink() { links.append(link) } else { invalidLinks &+= 1 }
            case OTLPField.Span.droppedLinksCount:
                try expect(tag, .varint, "Span.dropped_links_count")
                droppedLinks = UInt32(truncatingIfNeeded: try readVarint())
            case OTLPField.Span.status:
                try expect(tag, .lengthDelimited, "Span.status")
                var nested = try readMessage()
                try nested.decodeStatus(into: &status)
            case OTLPField.Span.flags:
                try expect(tag, .fixed32, "Span.flags")
                flags = try readFixed32()
            default:
                try skip(tag)
            }
        }
        let ids: (trace: TraceID, span: SpanID, parent: SpanID?)
        switch ProtobufIDs.spanIDs(
            traceID: ProtobufIDs.traceID(traceIDBytes), spanID: ProtobufIDs.spanID(spanIDBytes),
            parentSpanID: ProtobufIDs.spanID(parentBytes)
        ) {
        case .success(let valid): ids = valid
        case .failure(let rejected): return rejected
        }
        spans.append(
            Span(
                traceID: ids.trace, spanID: ids.span, parentSpanID: ids.parent, traceState: traceState, flags: flags,
                name: name, kind: kind, startTimeUnixNano: start, endTimeUnixNano: end, attributes: attributes,
                droppedAttributesCount: droppedAttributes, events: events, droppedEventsCount: droppedEvents,
                links: links, droppedLinksCount: droppedLinks &+ invalidLinks, status: status
            ))
        return nil
    }

    private mutating func decodeEvent() throws(OTLPDecodingError) -> SpanEvent {
        var event = SpanEvent(timeUnixNano: 0, name: "")
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case OTLPField.Event.timeUnixNano:
                try expect(tag, .fixed64, "Span.Event.time_unix_nano")
                event.timeUnixNano = try readFixed64()
            case OTLPField.Event.name:
                try expect(tag, .lengthDelimited, "Span.Event.name")
                event.name = try readString()
            case OTLPField.Event.attributes:
                try appendKeyValue(to: &event.attributes, tag: tag, "Span.Event.attributes")
            case OTLPField.Event.droppedAttributesCount:
                try expect(tag, .varint, "Span.Event.dropped_attributes_count")
                event.droppedAttributesCount = UInt32(truncatingIfNeeded: try readVarint())
            default:
                try skip(tag)
            }
        }
        return event
    }

    /// A link, or nil when its trace or span id is not a valid id.
    private mutating func decodeLink() throws(OTLPDecodingError) -> SpanLink? {
        var traceIDBytes = UnsafeRawBufferPointer(start: nil, count: 0)
        var spanIDBytes = UnsafeRawBufferPointer(start: nil, count: 0)
        var traceState = ""
        var attributes: [KeyValue] = []
        var droppedAttributes: UInt32 = 0
        var flags: UInt32 = 0
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case OTLPField.Link.traceID:
                try expect(tag, .lengthDelimited, "Span.Link.trace_id")
                traceIDBytes = try readBytes()
            case OTLPField.Link.spanID:
                try expect(tag, .lengthDelimited, "Span.Link.span_id")
                spanIDBytes = try readBytes()
            case OTLPField.Link.traceState:
                try expect(tag, .lengthDelimited, "Span.Link.trace_state")
                traceState = try readString()
            case OTLPField.Link.attributes:
                try appendKeyValue(to: &attributes, tag: tag, "Span.Link.attributes")
            case OTLPField.Link.droppedAttributesCount:
                try expect(tag, .varint, "Span.Link.dropped_attributes_count")
                droppedAttributes = UInt32(truncatingIfNeeded: try readVarint())
            case OTLPField.Link.flags:
                try expect(tag, .fixed32, "Span.Link.flags")
                flags = try readFixed32()
            default:
                try skip(tag)
            }
        }
        guard let traceID = ProtobufIDs.traceID(traceIDBytes).value, let spanID = ProtobufIDs.spanID(spanIDBytes).value else {
            return nil
        }
        return SpanLink(
            traceID: traceID, spanID: spanID, traceState: traceState, attributes: attributes,
            droppedAttributesCount: droppedAttributes, flags: flags
        )
    }

    private mutating func decodeStatus(into status: inout SpanStatus) throws(OTLPDecodingError) {
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case OTLPField.Status.message:
                try expect(tag, .lengthDelimited, "Status.message")
                status.message = try readString()
            case OTLPField.Status.code:
                try expect(tag, .varint, "Status.code")
                status.code = StatusCode(rawValue: Int32(truncatingIfNeeded: try readVarint()))
            default:
                try skip(tag)
            }
        }
    }
}

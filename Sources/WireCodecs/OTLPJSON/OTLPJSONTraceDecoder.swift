import JSONToolkit
import TraceModel

/// Decodes an OTLP JSON `ExportTraceServiceRequest` straight from its bytes (no intermediate tree).
/// Spans with a missing, empty, all-zero or malformed traceId/spanId, or a malformed parentSpanId, are not
/// errors: they are left out and counted in `rejected` with their path, and the rest of the request is kept.
enum OTLPJSONTraceDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedTraces {
        var decoder = OTLPJSONDecoding(bytes)
        var data = TracesData()
        try decoder.decodeDocument("an ExportTraceServiceRequest") { decoder throws(JSONParseError) in
            try decoder.readObject(nil, TracesRequestField.self) { decoder, _ throws(JSONParseError) in
                try decoder.readArray("resourceSpans") { decoder throws(JSONParseError) in
                    data.resourceSpans.append(try decoder.resourceSpans())
                }
            }
        }
        return DecodedTraces(data: data, rejected: decoder.rejected)
    }
}

extension OTLPJSONDecoding {
    mutating func resourceSpans() throws(JSONParseError) -> ResourceSpans {
        var group = ResourceSpans()
        try readObject(nil, ResourceGroupField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .resource: group.resource = try decoder.resource("resource")
            case .schemaUrl: group.schemaUrl = try decoder.string("schemaUrl")
            case .scopeSpans:
                try decoder.readArray("scopeSpans") { decoder throws(JSONParseError) in
                    group.scopeSpans.append(try decoder.scopeSpans())
                }
            case .scopeLogs: try decoder.reader.skipValue()
            }
        }
        return group
    }

    mutating func scopeSpans() throws(JSONParseError) -> ScopeSpans {
        var group = ScopeSpans()
        try readObject(nil, ScopeGroupField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .scope: group.scope = try decoder.scope("scope")
            case .schemaUrl: group.schemaUrl = try decoder.string("schemaUrl")
            case .spans:
                try decoder.readArray("spans") { decoder throws(JSONParseError) in
                    if let span = try decoder.span() { group.spans.append(span) }
                }
            case .logRecords: try decoder.reader.skipValue()
            }
        }
        return group
    }

    /// One span, or nil when its ids make it unusable (then it is counted in `rejected`).
    mutating func span() throws(JSONParseError) -> Span? {
        var traceID = HexID<TraceID>.absent
        var spanID = HexID<SpanID>.absent
        var parentSpanID = HexID<SpanID>.absent
        var span = Span(traceID: .zero, spanID: .zero, name: "", startTimeUnixNano: 0, endTimeUnixNano: 0)
        try readObject(nil, SpanField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .traceId: traceID = try decoder.traceID("traceId")
            case .spanId: spanID = try decoder.spanID("spanId")
            case .parentSpanId: parentSpanID = try decoder.spanID("parentSpanId")
            case .traceState: span.traceState = try decoder.string("traceState")
            case .flags: span.flags = try decoder.uint32("flags")
            case .name: span.name = try decoder.string("name")
            case .kind:
                span.kind = SpanKind(rawValue: try decoder.enumValue("kind", kind: "span kind") { SpanKind(protoName: $0)?.rawValue })
            case .startTimeUnixNano: span.startTimeUnixNano = try decoder.uint64("startTimeUnixNano")
            case .endTimeUnixNano: span.endTimeUnixNano = try decoder.uint64("endTimeUnixNano")
            case .attributes: span.attributes = try decoder.keyValues("attributes")
            case .droppedAttributesCount: span.droppedAttributesCount = try decoder.uint32("droppedAttributesCount")
            case .events:
                try decoder.readArray("events") { decoder throws(JSONParseError) in
                    span.events.append(try decoder.event())
                }
            case .droppedEventsCount: span.droppedEventsCount = try decoder.uint32("droppedEventsCount")
            case .links:
                try decoder.readArray("links") { decoder throws(JSONParseError) in
                    // A link to an invalid span cannot be stored; it is counted as dropped rather than failing the span.
                    if let link = try decoder.link() { span.links.append(link) } else { span.droppedLinksCount.addSaturating(1) }
                }
            case .droppedLinksCount: span.droppedLinksCount.addSaturating(try decoder.uint32("droppedLinksCount"))
            case .status: span.status = try decoder.status()
            }
        }
        let problem: String
        switch (traceID, spanID, parentSpanID) {
        case (.valid(let trace), .valid(let id), .valid(let parent)):
            span.traceID = trace
            span.spanID = id
            span.parentSpanID = parent
            return span
        case (.valid(let trace), .valid(let id), .absent), (.valid(let trace), .valid(let id), .zero):
            // An all-zero parent is how some SDKs spell "no parent": a root, like an empty one.
            span.traceID = trace
            span.spanID = id
            return span
        case (.valid, .valid, .malformed): problem = "parentSpanId is not 16 hex digits"
        case (.absent, _, _): problem = "traceId is missing or empty"
        case (.zero, _, _): problem = "traceId is all zeros"
        case (.malformed, _, _): problem = "traceId is not 32 hex digits"
        case (_, .absent, _): problem = "spanId is missing or empty"
        case (_, .zero, _): problem = "spanId is all zeros"
        case (_, .malformed, _): problem = "spanId is not 16 hex digits"
        }
        reject("span rejected: \(problem)")
        return nil
    }

    /// Counts a rejected item; the reason (with the item's path) is formatted only while it will be kept.
    mutating func reject(_ reason: String) {
        rejected.add(rejected.reasons.count < Rejections.maxReasons ? "\(pathDescription): \(reason)" : "")
    }

    mutating func event() throws(JSONParseError) -> SpanEvent {
        var event = SpanEvent(timeUnixNano: 0, name: "")
        try readObject(nil, EventField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .timeUnixNano: event.timeUnixNano = try decoder.uint64("timeUnixNano")
            case .name: event.name = try decoder.string("name")
            case .attributes: event.attributes = try decoder.keyValues("attributes")
            case .droppedAttributesCount: event.droppedAttributesCount = try decoder.uint32("droppedAttributesCount")
            }
        }
        return event
    }

    /// A link, or nil when its trace or span id is not a valid id.
    mutating func link() throws(JSONParseError) -> SpanLink? {
        var traceID = HexID<TraceID>.absent
        var spanID = HexID<SpanID>.absent
        var link = SpanLink(traceID: .zero, spanID: .zero)
        try readObject(nil, LinkField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .traceId: traceID = try decoder.traceID("traceId")
            case .spanId: spanID = try decoder.spanID("spanId")
            case .traceState: link.traceState = try decoder.string("traceState")
            case .attributes: link.attributes = try decoder.keyValues("attributes")
            case .droppedAttributesCount: link.droppedAttributesCount = try decoder.uint32("droppedAttributesCount")
            case .flags: link.flags = try decoder.uint32("flags")
            }
        }
        guard case .valid(let trace) = traceID, case .valid(let span) = spanID else { return nil }
        link.traceID = trace
        link.spanID = span
        return link
    }

    mutating func status() throws(JSONParseError) -> SpanStatus {
        var status = SpanStatus()
        try readObject("status", StatusField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .message: status.message = try decoder.string("message")
            case .code:
                status.code = StatusCode(
                    rawValue: try decoder.enumValue("code", kind: "status code") { StatusCode(protoName: $0)?.rawValue })
            }
        }
        return status
    }
}

fileprivate extension UInt32 {
    /// Dropped counts add the sender's count to the links dropped here; a hostile count must not wrap to 0.
    mutating func addSaturating(_ other: UInt32) {
        let (sum, overflow) = addingReportingOverflow(other)
        self = overflow ? .max : sum
    }
}

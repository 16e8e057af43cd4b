/// Decodes an `ExportTraceServiceRequest` from the protobuf wire format into the same `DecodedTraces` the JSON
/// decoder produces: malformed bytes fail the whole request; a span with an unusable id is rejected alone
/// (counted, with a reason naming its path) and the rest is kept.
struct ProtobufTraceDecoder {
    private var rejected = Rejections()

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedTraces {
        var decoder = ProtobufTraceDecoder()
        let caches = ProtobufCaches.allocate(forRequestOf: bytes.count)
        defer { caches.deallocate() }
        var reader = ProtobufReader(bytes, caches: caches)
        var data = TracesData()
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            if tag.field == OTLPField.Request.resourceSpans {
                try reader.expect(tag, .lengthDelimited, "ExportTraceServiceRequest.resource_spans")
                var nested = try reader.readMessage()
                let path = SpanPath(resource: data.resourceSpans.count)
                data.resourceSpans.append(try decoder.decodeResourceSpans(&nested, path: path))
            } else {
                try reader.skip(tag)
            }
        }
        return DecodedTraces(data: data, rejected: decoder.rejected)
    }

    private mutating func decodeResourceSpans(_ reader: inout ProtobufReader, path: SpanPath) throws(OTLPDecodingError) -> ResourceSpans {
        var group = ResourceSpans()
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case OTLPField.ResourceGroup.resource:
                try reader.expect(tag, .lengthDelimited, "ResourceSpans.resource")
                var nested = try reader.readMessage()
                try nested.decodeResource(into: &group.resource)
            case OTLPField.ResourceGroup.scopeGroups:
                try reader.expect(tag, .lengthDelimited, "ResourceSpans.scope_spans")
                var nested = try reader.readMessage()
                var scopePath = path
                scopePath.scope = group.scopeSpans.count
                group.scopeSpans.append(try decodeScopeSpans(&nested, path: scopePath))
            case OTLPField.ResourceGroup.schemaUrl:
                try reader.expect(tag, .lengthDelimited, "ResourceSpans.schema_url")
                group.schemaUrl = try reader.readString()
            default:
                try reader.skip(tag)
            }
        }
        return group
    }

    private mutating func decodeScopeSpans(_ reader: inout ProtobufReader, path: SpanPath) throws(OTLPDecodingError) -> ScopeSpans {
        var group = ScopeSpans()
        // Counts every span sent, kept or not, so a rejection names the span's index in the request.
        var spanIndex = 0
        // Size the array once, at the first span (not "while empty": when every span is rejected the array
        // stays empty, and scanning ahead again for each span would take quadratic time).
        var sized = false
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case OTLPField.ScopeGroup.scope:
                try reader.expect(tag, .lengthDelimited, "ScopeSpans.scope")
                var nested = try reader.readMessage()
                try nested.decodeScope(into: &group.scope)
            case OTLPField.ScopeGroup.items:
                try reader.expect(tag, .lengthDelimited, "ScopeSpans.spans")
                if !sized {
                    group.spans.reserveCapacity(reader.countConsecutive(tag.field, from: tag.offset))
                    sized = true
                }
                var nested = try reader.readMessage()
                if let problem = try nested.decodeSpan(into: &group.spans) {
                    // Reasons past the kept few are never shown: skip formatting them (as the JSON decoder does).
                    var spanPath = path
                    spanPath.span = spanIndex
                    rejected.add(rejected.reasons.count < Rejections.maxReasons ? "\(spanPath): \(problem.reason)" : "")
                }
                spanIndex += 1
            case OTLPField.ScopeGroup.schemaUrl:
                try reader.expect(tag, .lengthDelimited, "ScopeSpans.schema_url")
                group.schemaUrl = try reader.readString()
            default:
                try reader.skip(tag)
            }
        }
        return group
    }
}

/// Where a span sits in the request, written as the JSON field path (the same words a JSON sender sees).
private struct SpanPath: CustomStringConvertible {
    var resource: Int
    var scope = 0
    var span = 0

    var description: String { "resourceSpans[\(resource)].scopeSpans[\(scope)].spans[\(span)]" }
}

import TraceModel

/// The one place Zipkin v2 enters the model: a JSON list or a protobuf `ListOfSpans` becomes the same
/// `TracesData` an OTLP request does, grouped by service (the resource) and instrumentation scope, so the
/// collector stores and serves it exactly like OTLP. A malformed span fails the whole request with an error
/// naming the span and the field, as a Zipkin server answers 400.
package enum Zipkin {
    package static func decodeJSON(_ bytes: UnsafeRawBufferPointer, receivedAtUnixNano: UInt64) throws(OTLPDecodingError) -> DecodedTraces {
        DecodedTraces(data: traces(try ZipkinJSONDecoder.decode(bytes), receivedAt: receivedAtUnixNano))
    }

    package static func decodeProtobuf(_ bytes: UnsafeRawBufferPointer, receivedAtUnixNano: UInt64) throws(OTLPDecodingError)
        -> DecodedTraces
    {
        DecodedTraces(data: traces(try ZipkinProtobufDecoder.decode(bytes), receivedAt: receivedAtUnixNano))
    }

    /// Zipkin v1 JSON (`POST /api/v1/spans`), converted to v2 first (`ZipkinV1JSONDecoder`).
    package static func decodeV1JSON(_ bytes: UnsafeRawBufferPointer, receivedAtUnixNano: UInt64) throws(OTLPDecodingError) -> DecodedTraces
    {
        DecodedTraces(data: traces(try ZipkinV1JSONDecoder.decode(bytes), receivedAt: receivedAtUnixNano))
    }

    static func traces(_ spans: [ZipkinSpan], receivedAt: UInt64) -> TracesData {
        var spans = spans
        ZipkinSharedSpans.separate(&spans)
        var data = TracesData()
        var resourceIndex: [String?: Int] = [:]
        var scopeIndex: [ScopeKey: Int] = [:]
        for zipkinSpan in spans {
            let mapped = zipkinSpan.mapped(receivedAtUnixNano: receivedAt)
            let resource =
                resourceIndex[mapped.serviceName]
                ?? {
                    let attributes = mapped.serviceName.map { [KeyValue("service.name", .string($0))] } ?? []
                    data.resourceSpans.append(ResourceSpans(resource: Resource(attributes: attributes)))
                    resourceIndex[mapped.serviceName] = data.resourceSpans.count - 1
                    return data.resourceSpans.count - 1
                }()
            let key = ScopeKey(resource: resource, name: mapped.scope.name, version: mapped.scope.version)
            let scope =
                scopeIndex[key]
                ?? {
                    data.resourceSpans[resource].scopeSpans.append(ScopeSpans(scope: mapped.scope))
                    scopeIndex[key] = data.resourceSpans[resource].scopeSpans.count - 1
                    return data.resourceSpans[resource].scopeSpans.count - 1
                }()
            data.resourceSpans[resource].scopeSpans[scope].spans.append(mapped.span)
        }
        return data
    }

    private struct ScopeKey: Hashable {
        var resource: Int
        var name: String
        var version: String
    }
}

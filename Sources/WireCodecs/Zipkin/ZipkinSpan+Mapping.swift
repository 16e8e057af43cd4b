import TraceModel

/// Zipkin → OpenTelemetry, as the OpenTelemetry Collector's `zipkinv2` translator does it (SPEC.md "Zipkin v2"):
/// - `localEndpoint.serviceName` → the resource's `service.name` (none → `unknown_service`, OpenTelemetry's rule);
/// - kinds 1:1; no kind is unspecified, or internal when the tag `span.kind` is `internal`;
/// - status from `otel.status_code` / `otel.status_description` and the `error` tag (`ZipkinStatus`);
/// - annotations → events (`ZipkinAnnotationEvent`), `otlp.link.N` tags → links (`ZipkinLinkTag`);
/// - the remote endpoint → `peer.service`, `network.peer.address`, `network.peer.port`, the local endpoint's
///   address → `network.local.address` / `network.local.port` (current semantic conventions, where the
///   Collector still writes the deprecated `net.peer.ip`);
/// - other tags → string attributes, in the order sent. The tags read into fields above are not kept twice.
extension ZipkinSpan {
    struct Mapped {
        var span: Span
        var serviceName: String?
        var scope: InstrumentationScope
    }

    /// `receivedAt` stands in for a missing timestamp: a span must have a time to be found by time ranges.
    func mapped(receivedAtUnixNano receivedAt: UInt64) -> Mapped {
        var tags = ZipkinTags(tags)
        var span = Span(
            traceID: traceID, spanID: id, parentSpanID: parentID, name: name, kind: otelKind(&tags), startTimeUnixNano: 0,
            endTimeUnixNano: 0)
        (span.startTimeUnixNano, span.endTimeUnixNano) = times(receivedAt: receivedAt)
        span.status = ZipkinStatus.take(from: &tags)
        span.events = annotations.map(ZipkinAnnotationEvent.event(from:))
        span.links = ZipkinLinkTag.take(from: &tags)
        span.droppedAttributesCount = tags.takeCount("otel.dropped_attributes_count")
        span.droppedEventsCount = tags.takeCount("otel.dropped_events_count")
        span.droppedLinksCount = tags.takeCount("otel.dropped_links_count")
        var scope = InstrumentationScope()
        scope.name = tags.take("otel.scope.name") ?? ""
        scope.version = tags.take("otel.scope.version") ?? ""
        // The names before the scope was called a scope; the Python exporter still sends both.
        let libraryName = tags.take("otel.library.name"), libraryVersion = tags.take("otel.library.version")
        if scope.name.isEmpty { scope.name = libraryName ?? "" }
        if scope.version.isEmpty { scope.version = libraryVersion ?? "" }
        span.attributes = tags.remaining.map { KeyValue($0.key, .string($0.value)) }
        addEndpointAttributes(to: &span.attributes)
        let service = localEndpoint?.serviceName.flatMap { $0.isEmpty ? nil : $0 }
        return Mapped(span: span, serviceName: service, scope: scope)
    }

    private func otelKind(_ tags: inout ZipkinTags) -> SpanKind {
        switch kind {
        case .client: return .client
        case .server: return .server
        case .producer: return .producer
        case .consumer: return .consumer
        case nil: return tags.take(SyntheticTags.spanKind)?.lowercased() == "internal" ? .internal : .unspecified
        }
    }

    /// A missing timestamp is the earliest annotation's, else the time of arrival; a missing duration runs to
    /// the last annotation, else is zero.
    private func times(receivedAt: UInt64) -> (start: UInt64, end: UInt64) {
        let annotationTimes = annotations.map(\.timestampMicros)
        let startMicros = timestampMicros ?? annotationTimes.min()
        let start = startMicros.map { $0 &* 1000 } ?? receivedAt
        if let durationMicros { return (start, start &+ durationMicros &* 1000) }
        let lastMicros = annotationTimes.max() ?? 0
        return (start, max(start, lastMicros &* 1000))
    }

    /// Endpoint facts as attributes, unless the tags already said the same thing.
    private func addEndpointAttributes(to attributes: inout [KeyValue]) {
        func add(_ key: String, _ value: AnyValue?) {
            guard let value, attributes[key: key] == nil else { return }
            attributes.append(KeyValue(key, value))
        }
        if let remote = remoteEndpoint {
            add("peer.service", remote.serviceName.flatMap { $0.isEmpty ? nil : .string($0) })
            add("network.peer.address", remote.address.map { .string($0) })
            add("network.peer.port", remote.port.map { .int(Int64($0)) })
        }
        if let local = localEndpoint {
            add("network.local.address", local.address.map { .string($0) })
            add("network.local.port", local.port.map { .int(Int64($0)) })
        }
    }
}

/// A span's tags while the mapping takes the ones it turns into fields; what is left becomes attributes.
struct ZipkinTags {
    private(set) var remaining: [(key: String, value: String)]

    init(_ tags: [(key: String, value: String)]) { remaining = tags }

    /// The tag's value, removed from what is left (the first one when a key was sent twice).
    mutating func take(_ key: String) -> String? {
        guard let index = remaining.firstIndex(where: { $0.key == key }) else { return nil }
        return remaining.remove(at: index).value
    }

    func peek(_ key: String) -> String? {
        remaining.first(where: { $0.key == key })?.value
    }

    mutating func takeCount(_ key: String) -> UInt32 {
        take(key).flatMap { UInt32($0) } ?? 0
    }
}

import TraceModel

extension SpanRecord {
    /// The tags the collector adds from OTLP fields outside the attributes: folded back into those fields by `otlp`.
    static let syntheticTags: Set<String> = [
        "span.kind", "otel.status_code", "otel.status_description", "error", "otel.scope.name", "otel.scope.version", "w3c.tracestate"
    ]

    init(_ span: Span, scope: InstrumentationScope, processID: String) {
        var tags = span.attributes.map(Tag.init)
        if span.kind != .unspecified { tags.append(Tag(key: "span.kind", value: .string(span.kind.shortName), type: "string")) }
        if span.status.code == .ok { tags.append(Tag(key: "otel.status_code", value: .string("OK"), type: "string")) }
        if span.status.code == .error { tags.append(Tag(key: "otel.status_code", value: .string("ERROR"), type: "string")) }
        if !span.status.message.isEmpty {
            tags.append(Tag(key: "otel.status_description", value: .string(span.status.message), type: "string"))
        }
        if span.status.code == .error { tags.append(Tag(key: "error", value: .bool(true), type: "bool")) }
        if !scope.name.isEmpty { tags.append(Tag(key: "otel.scope.name", value: .string(scope.name), type: "string")) }
        if !scope.version.isEmpty { tags.append(Tag(key: "otel.scope.version", value: .string(scope.version), type: "string")) }
        if !span.traceState.isEmpty { tags.append(Tag(key: "w3c.tracestate", value: .string(span.traceState), type: "string")) }
        var references = span.parentSpanID.map { [SpanReference(refType: "CHILD_OF", traceID: span.traceID.hex, spanID: $0.hex)] } ?? []
        references += span.links.map { SpanReference(refType: "FOLLOWS_FROM", traceID: $0.traceID.hex, spanID: $0.spanID.hex) }
        let events = span.events.map { event in
            SpanEventRecord(
                timestamp: Int64(clamping: event.timeUnixNano / 1000),
                fields: [Tag(key: "event", value: .string(event.name), type: "string")] + event.attributes.map(Tag.init))
        }
        self.init(
            traceID: span.traceID.hex, spanID: span.spanID.hex, operationName: span.name, references: references,
            startTime: Int64(clamping: span.startTimeUnixNano / 1000), duration: Int64(clamping: span.durationNanos / 1000),
            tags: tags, logs: events, processID: processID)
    }

    /// The span as OTLP and its scope. Times are whole microseconds (what the UI holds).
    var otlp: (Span, InstrumentationScope) {
        let tag = { (key: String) in self.tags.first { $0.key == key }?.text }
        let status: StatusCode = tag("otel.status_code") == "ERROR" || isError ? .error : tag("otel.status_code") == "OK" ? .ok : .unset
        let links = references.filter { $0.refType == "FOLLOWS_FROM" }.compactMap { reference -> SpanLink? in
            guard let trace = TraceID(hex: reference.traceID), let span = SpanID(hex: reference.spanID) else { return nil }
            return SpanLink(traceID: trace, spanID: span)
        }
        let events = logs.map { event in
            SpanEvent(
                timeUnixNano: UInt64(max(0, event.timestamp)) * 1000, name: event.fields.first { $0.key == "event" }?.text ?? "",
                attributes: event.fields.filter { $0.key != "event" }.map(\.keyValue))
        }
        let start = UInt64(max(0, startTime)) * 1000
        let span = Span(
            traceID: TraceID(hex: traceID) ?? TraceID(high: 0, low: 0), spanID: SpanID(hex: spanID) ?? SpanID(0),
            parentSpanID: parentSpanID.flatMap { SpanID(hex: $0) }, traceState: tag("w3c.tracestate") ?? "",
            name: operationName, kind: tag("span.kind").flatMap { SpanKind(shortName: $0) } ?? .unspecified,
            startTimeUnixNano: start, endTimeUnixNano: start + UInt64(max(0, duration)) * 1000,
            attributes: tags.filter { !Self.syntheticTags.contains($0.key) }.map(\.keyValue),
            events: events, links: links, status: SpanStatus(code: status, message: tag("otel.status_description") ?? ""))
        return (span, InstrumentationScope(name: tag("otel.scope.name") ?? "", version: tag("otel.scope.version") ?? ""))
    }
}

import TraceModel
import TracetopAPI

extension TraceSpan {
    /// An OTLP span as the views use it: times in µs, ids as hex, attributes as display tags, events with
    /// their name as the `event` field, links as references. Kind and status are the span's own; whether it is
    /// an error is the domain's rule (`SpanErrorRule`), the one the collector counts errors by.
    init(_ span: Span, scope: InstrumentationScope, processID: String) {
        let events = span.events.map { event in
            SpanEventRecord(
                timestamp: Int64(clamping: event.timeUnixNano / 1000),
                fields: [Tag(key: "event", value: .string(event.name), type: "string")] + event.attributes.map(Tag.init))
        }
        self.init(
            traceID: span.traceID.hex, spanID: span.spanID.hex, parentSpanID: span.parentSpanID?.hex, operationName: span.name,
            references: span.links.map { SpanReference(traceID: $0.traceID.hex, spanID: $0.spanID.hex) },
            startTime: Int64(clamping: span.startTimeUnixNano / 1000), duration: Int64(clamping: span.durationNanos / 1000),
            tags: span.attributes.map(Tag.init), logs: events, processID: processID, kind: span.kind, status: span.status,
            isError: SpanErrorRule.isError(span), scope: scope, traceState: span.traceState)
    }

    /// The span as OTLP and its scope (`:w`). Times are whole microseconds (what the views hold).
    var otlp: (Span, InstrumentationScope) {
        let links = references.compactMap { reference -> SpanLink? in
            guard let trace = TraceID(hex: reference.traceID), let span = SpanID(hex: reference.spanID) else { return nil }
            return SpanLink(traceID: trace, spanID: span)
        }
        let events = logs.map { event in
            SpanEvent(
                timeUnixNano: UInt64(max(0, event.timestamp)) * 1000, name: event.fields[tag: "event"] ?? "",
                attributes: event.fields.filter { $0.key != "event" }.map(\.keyValue))
        }
        let start = UInt64(max(0, startTime)) * 1000
        let span = Span(
            traceID: TraceID(hex: traceID) ?? TraceID(high: 0, low: 0), spanID: SpanID(hex: spanID) ?? SpanID(0),
            parentSpanID: parentSpanID.flatMap { SpanID(hex: $0) }, traceState: traceState, name: operationName, kind: kind,
            startTimeUnixNano: start, endTimeUnixNano: start + UInt64(max(0, duration)) * 1000, attributes: tags.map(\.keyValue),
            events: events, links: links, status: status)
        return (span, scope)
    }
}

import TraceModel

/// Encoding of `ExportTraceServiceRequest` (the demo generator's `--protocol protobuf`, and round-trip tests).
extension ProtobufWriter {
    mutating func writeTraces(_ traces: TracesData) {
        for group in traces.resourceSpans {
            writeMessageField(OTLPField.Request.resourceSpans) { $0.writeResourceSpans(group) }
        }
    }

    private mutating func writeResourceSpans(_ group: ResourceSpans) {
        writeMessageField(OTLPField.ResourceGroup.resource) { $0.writeResource(group.resource) }
        for scopeGroup in group.scopeSpans {
            writeMessageField(OTLPField.ResourceGroup.scopeGroups) { writer in
                writer.writeMessageField(OTLPField.ScopeGroup.scope) { $0.writeScope(scopeGroup.scope) }
                for span in scopeGroup.spans {
                    writer.writeMessageField(OTLPField.ScopeGroup.items) { $0.writeSpan(span) }
                }
                writer.writeStringField(OTLPField.ScopeGroup.schemaUrl, scopeGroup.schemaUrl)
            }
        }
        writeStringField(OTLPField.ResourceGroup.schemaUrl, group.schemaUrl)
    }

    private mutating func writeSpan(_ span: Span) {
        writeBytesField(OTLPField.Span.traceID, span.traceID.bytes)
        writeBytesField(OTLPField.Span.spanID, span.spanID.bytes)
        writeStringField(OTLPField.Span.traceState, span.traceState)
        if let parent = span.parentSpanID {
            writeBytesField(OTLPField.Span.parentSpanID, parent.bytes)
        }
        writeStringField(OTLPField.Span.name, span.name)
        writeInt32Field(OTLPField.Span.kind, span.kind.rawValue)
        writeFixed64Field(OTLPField.Span.startTimeUnixNano, span.startTimeUnixNano)
        writeFixed64Field(OTLPField.Span.endTimeUnixNano, span.endTimeUnixNano)
        writeAttributes(OTLPField.Span.attributes, span.attributes)
        writeVarintField(OTLPField.Span.droppedAttributesCount, UInt64(span.droppedAttributesCount))
        for event in span.events {
            writeMessageField(OTLPField.Span.events) { writer in
                writer.writeFixed64Field(OTLPField.Event.timeUnixNano, event.timeUnixNano)
                writer.writeStringField(OTLPField.Event.name, event.name)
                writer.writeAttributes(OTLPField.Event.attributes, event.attributes)
                writer.writeVarintField(OTLPField.Event.droppedAttributesCount, UInt64(event.droppedAttributesCount))
            }
        }
        writeVarintField(OTLPField.Span.droppedEventsCount, UInt64(span.droppedEventsCount))
        for link in span.links {
            writeMessageField(OTLPField.Span.links) { writer in
                writer.writeBytesField(OTLPField.Link.traceID, link.traceID.bytes)
                writer.writeBytesField(OTLPField.Link.spanID, link.spanID.bytes)
                writer.writeStringField(OTLPField.Link.traceState, link.traceState)
                writer.writeAttributes(OTLPField.Link.attributes, link.attributes)
                writer.writeVarintField(OTLPField.Link.droppedAttributesCount, UInt64(link.droppedAttributesCount))
                writer.writeFixed32Field(OTLPField.Link.flags, link.flags)
            }
        }
        writeVarintField(OTLPField.Span.droppedLinksCount, UInt64(span.droppedLinksCount))
        if span.status != SpanStatus() {
            writeMessageField(OTLPField.Span.status) { writer in
                writer.writeStringField(OTLPField.Status.message, span.status.message)
                writer.writeInt32Field(OTLPField.Status.code, span.status.code.rawValue)
            }
        }
        writeFixed32Field(OTLPField.Span.flags, span.flags)
    }
}

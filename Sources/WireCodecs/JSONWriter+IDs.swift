import JSONToolkit
import TraceModel

extension JSONWriter {
    /// Ids as their lowercase hex strings, the spelling of OTLP JSON, Zipkin and Jaeger alike.
    package mutating func string(_ id: TraceID) { hexString(id.high, id.low) }

    package mutating func string(_ id: SpanID) { hexString(id.value) }
}

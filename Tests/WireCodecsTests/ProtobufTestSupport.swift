import TraceModel
import WireCodecs

// Samples are read through `OTLPSamples` (OTLPJSONSamples.swift).

/// Builds protobuf bytes by hand for the tests, independently of the encoder under test, so a bug in the
/// encoder cannot hide the same bug in the decoder.
enum PB {
    static func varint(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var rest = value
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            out.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
        return out
    }

    static func tag(_ field: UInt32, _ wireType: UInt8) -> [UInt8] { varint(UInt64(field) << 3 | UInt64(wireType)) }
    static func field(_ field: UInt32, varint value: UInt64) -> [UInt8] { tag(field, 0) + varint(value) }
    static func field(_ field: UInt32, fixed64 value: UInt64) -> [UInt8] {
        tag(field, 1) + withUnsafeBytes(of: value.littleEndian, Array.init)
    }
    static func field(_ field: UInt32, fixed32 value: UInt32) -> [UInt8] {
        tag(field, 5) + withUnsafeBytes(of: value.littleEndian, Array.init)
    }
    static func field(_ field: UInt32, bytes value: [UInt8]) -> [UInt8] { tag(field, 2) + varint(UInt64(value.count)) + value }
    static func field(_ field: UInt32, string value: String) -> [UInt8] { self.field(field, bytes: Array(value.utf8)) }

    // The OTLP nesting, so tests can say "a span inside the usual envelope".
    static func request(spans: [[UInt8]], resource: [UInt8] = []) -> [UInt8] {
        let scopeSpans = spans.flatMap { field(2, bytes: $0) }
        let resourceSpans = (resource.isEmpty ? [] : field(1, bytes: resource)) + field(2, bytes: scopeSpans)
        return field(1, bytes: resourceSpans)
    }

    static func request(logRecords: [[UInt8]]) -> [UInt8] {
        let scopeLogs = logRecords.flatMap { field(2, bytes: $0) }
        return field(1, bytes: field(2, bytes: scopeLogs))
    }

    static let traceID: [UInt8] = (1...16).map { UInt8($0) }
    static let spanID: [UInt8] = (1...8).map { UInt8($0 + 0x10) }

    /// A minimal valid span: ids, name, times.
    static func span(name: String = "op", extra: [UInt8] = []) -> [UInt8] {
        field(1, bytes: traceID) + field(2, bytes: spanID) + field(5, string: name)
            + field(7, fixed64: 1_000) + field(8, fixed64: 2_000) + extra
    }

    static func keyValue(_ key: String, _ anyValue: [UInt8]) -> [UInt8] { field(1, string: key) + field(2, bytes: anyValue) }
}

/// Makes two captures of "the same" telemetry comparable: the SDK ran twice, so ids, times, the service name
/// and instance id differ between the JSON and the protobuf capture. Ids are renumbered in order of first
/// appearance (so the parent/child structure still has to match), times are zeroed.
struct SampleNormalizer {
    private var traceIDs: [TraceID: TraceID] = [:]
    private var spanIDs: [SpanID: SpanID] = [:]

    mutating func traces(_ data: TracesData) -> TracesData {
        var data = data
        for r in data.resourceSpans.indices {
            data.resourceSpans[r].resource = resource(data.resourceSpans[r].resource)
            for s in data.resourceSpans[r].scopeSpans.indices {
                for i in data.resourceSpans[r].scopeSpans[s].spans.indices {
                    var span = data.resourceSpans[r].scopeSpans[s].spans[i]
                    span.traceID = trace(span.traceID)
                    span.spanID = self.span(span.spanID)
                    span.parentSpanID = span.parentSpanID.map { self.span($0) }
                    span.startTimeUnixNano = 0
                    span.endTimeUnixNano = 0
                    span.events = span.events.map {
                        var event = $0; event.timeUnixNano = 0; return event
                    }
                    span.links = span.links.map {
                        var link = $0; link.traceID = trace(link.traceID); link.spanID = self.span(link.spanID); return link
                    }
                    data.resourceSpans[r].scopeSpans[s].spans[i] = span
                }
            }
        }
        return data
    }

    mutating func logs(_ data: LogsData) -> LogsData {
        var data = data
        for r in data.resourceLogs.indices {
            data.resourceLogs[r].resource = resource(data.resourceLogs[r].resource)
            for s in data.resourceLogs[r].scopeLogs.indices {
                for i in data.resourceLogs[r].scopeLogs[s].logRecords.indices {
                    var record = data.resourceLogs[r].scopeLogs[s].logRecords[i]
                    record.traceID = record.traceID.map { trace($0) }
                    record.spanID = record.spanID.map { span($0) }
                    record.timeUnixNano = record.timeUnixNano == 0 ? 0 : 1
                    record.observedTimeUnixNano = record.observedTimeUnixNano == 0 ? 0 : 1
                    data.resourceLogs[r].scopeLogs[s].logRecords[i] = record
                }
            }
        }
        return data
    }

    private func resource(_ resource: Resource) -> Resource {
        var resource = resource
        resource.attributes = resource.attributes.map { pair in
            ["service.name", "service.instance.id"].contains(pair.key) ? KeyValue(pair.key, .string("…")) : pair
        }
        return resource
    }

    private mutating func trace(_ id: TraceID) -> TraceID {
        if let known = traceIDs[id] { return known }
        let renumbered = TraceID(high: 0, low: UInt64(traceIDs.count + 1))
        traceIDs[id] = renumbered
        return renumbered
    }

    private mutating func span(_ id: SpanID) -> SpanID {
        if let known = spanIDs[id] { return known }
        let renumbered = SpanID(UInt64(spanIDs.count + 1))
        spanIDs[id] = renumbered
        return renumbered
    }
}

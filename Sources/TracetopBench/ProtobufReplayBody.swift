import TraceModel
import WireCodecs

/// `ReplayBody` for OTLP protobuf: an encoded `ExportTraceServiceRequest` and where its trace ids, correlation
/// ids and times sit, so a round can rewrite them in a copy of the bytes exactly as the JSON replay does (the
/// first 4 bytes of every trace id become the round number, so do the first 8 characters of its correlation ids;
/// every time moves forward by the round's offset). The offsets are
/// found by looking for the model's own id and time values in the bytes: 16 random bytes and nanosecond
/// timestamps do not occur by chance.
struct ProtobufReplayBody: Sendable {
    let template: [UInt8]
    private let traceIDOffsets: [Int]
    private let correlationIDOffsets: [Int]
    private let timeOffsets: [Int]

    init(_ traces: TracesData, correlation: CorrelationStamp) {
        template = OTLPProtobuf.encode(traces)
        correlationIDOffsets = correlation.offsets(in: template)
        let spans = traces.resourceSpans.flatMap { $0.scopeSpans.flatMap(\.spans) }
        var idHighs: [UInt64: Set<UInt64>] = [:]
        var times = Set<UInt64>()
        for span in spans {
            for id in [span.traceID] + span.links.map(\.traceID) { idHighs[id.high.bigEndian, default: []].insert(id.low.bigEndian) }
            times.formUnion([span.startTimeUnixNano.littleEndian, span.endTimeUnixNano.littleEndian])
            times.formUnion(span.events.map(\.timeUnixNano.littleEndian))
        }
        var traceIDOffsets: [Int] = [], timeOffsets: [Int] = []
        template.withUnsafeBytes { raw in
            guard raw.count >= 16 else { return }
            var offset = 0
            while offset + 8 <= raw.count {
                let window = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if let lows = idHighs[window], offset + 16 <= raw.count,
                    lows.contains(raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                {
                    traceIDOffsets.append(offset)
                    offset += 16
                } else if times.contains(window) {
                    timeOffsets.append(offset)
                    offset += 8
                } else {
                    offset += 1
                }
            }
        }
        self.traceIDOffsets = traceIDOffsets
        self.timeOffsets = timeOffsets
    }

    func bytes(round: UInt32, shiftNanos: UInt64) -> [UInt8] {
        var bytes = template
        bytes.withUnsafeMutableBytes { raw in
            for offset in traceIDOffsets { raw.storeBytes(of: round.bigEndian, toByteOffset: offset, as: UInt32.self) }
            for offset in timeOffsets {
                let time = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                raw.storeBytes(of: (time &+ shiftNanos).littleEndian, toByteOffset: offset, as: UInt64.self)
            }
        }
        CorrelationStamp.stamp(round: round, at: correlationIDOffsets, in: &bytes)
        return bytes
    }
}

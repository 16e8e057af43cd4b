import TraceModel

/// A trace or span id as protobuf carries it (raw big-endian bytes, where JSON has hex), sorted into the
/// same four cases the JSON decoder uses, so both decoders apply one rule to what they read.
enum ProtobufID<ID> {
    /// Not sent, or sent empty.
    case absent
    /// The right length but all zeros: the "invalid id" of the specification.
    case zero
    case valid(ID)
    /// The wrong number of bytes.
    case malformed(byteCount: Int)

    var value: ID? {
        if case .valid(let id) = self { return id }
        return nil
    }
}

enum ProtobufIDs {
    static func traceID(_ bytes: UnsafeRawBufferPointer) -> ProtobufID<TraceID> {
        guard !bytes.isEmpty else { return .absent }
        guard bytes.count == 16 else { return .malformed(byteCount: bytes.count) }
        let id = TraceID(
            high: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
            low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        )
        return id.isValid ? .valid(id) : .zero
    }

    static func spanID(_ bytes: UnsafeRawBufferPointer) -> ProtobufID<SpanID> {
        guard !bytes.isEmpty else { return .absent }
        guard bytes.count == 8 else { return .malformed(byteCount: bytes.count) }
        let id = SpanID(UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)))
        return id.isValid ? .valid(id) : .zero
    }

    /// The ids a span keeps, or why it cannot be kept (in the JSON decoder's words where the problem is the
    /// same). An absent or all-zero parent makes a root.
    static func spanIDs(
        traceID: ProtobufID<TraceID>, spanID: ProtobufID<SpanID>, parentSpanID: ProtobufID<SpanID>
    ) -> Result<(trace: TraceID, span: SpanID, parent: SpanID?), RejectedItem> {
        let problem: String
        switch (traceID, spanID, parentSpanID) {
        case (.valid(let trace), .valid(let span), .valid(let parent)): return .success((trace, span, parent))
        case (.valid(let trace), .valid(let span), .absent), (.valid(let trace), .valid(let span), .zero):
            return .success((trace, span, nil))
        case (.valid, .valid, .malformed(let count)): problem = "parentSpanId is not 8 bytes (got \(count))"
        case (.absent, _, _): problem = "traceId is missing or empty"
        case (.zero, _, _): problem = "traceId is all zeros"
        case (.malformed(let count), _, _): problem = "traceId is not 16 bytes (got \(count))"
        case (_, .absent, _): problem = "spanId is missing or empty"
        case (_, .zero, _): problem = "spanId is all zeros"
        case (_, .malformed(let count), _): problem = "spanId is not 8 bytes (got \(count))"
        }
        return .failure(RejectedItem(reason: "span rejected: \(problem)"))
    }
}

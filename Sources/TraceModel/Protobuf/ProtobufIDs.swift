/// Trace and span ids as protobuf carries them: raw big-endian bytes (16 and 8), where JSON uses hex.
/// Only the length is checked here; whether an all-zero id is acceptable is the caller's rule.
enum ProtobufIDs {
    static func traceID(_ bytes: UnsafeRawBufferPointer) -> TraceID? {
        guard bytes.count == 16 else { return nil }
        return TraceID(
            high: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
            low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        )
    }

    static func spanID(_ bytes: UnsafeRawBufferPointer) -> SpanID? {
        guard bytes.count == 8 else { return nil }
        return SpanID(UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)))
    }
}

import TraceModel

/// Zipkin's ids and kinds, in hex (JSON) or raw bytes (protobuf), with one error wording for both.
enum ZipkinIDs {
    /// 16 or 32 hex digits (either case); a 64-bit id is left-padded with zeros to 128 bits.
    static func traceID(hex: String, path: String) throws(OTLPDecodingError) -> TraceID {
        let id = hex.utf8.count == 16 ? SpanID(hex: hex).map(padded) : TraceID(hex: hex)
        return try valid(id, path, malformed: "must be 16 or 32 hex digits, got \"\(hex.prefix(40))\"", zeroAllowed: false)
    }

    /// 8 or 16 bytes, as hex above.
    static func traceID(bytes: UnsafeRawBufferPointer, path: String) throws(OTLPDecodingError) -> TraceID {
        let id = bytes.count == 8 ? SpanID(bytes: bytes).map(padded) : TraceID(bytes: bytes)
        return try valid(id, path, malformed: "must be 8 or 16 bytes, got \(bytes.count)", zeroAllowed: false)
    }

    /// 16 hex digits. A zero parent id means "no parent" (some tracers write it); a zero span id is invalid.
    static func spanID(hex: String, path: String, zeroAllowed: Bool = false) throws(OTLPDecodingError) -> SpanID {
        try valid(SpanID(hex: hex), path, malformed: "must be 16 hex digits, got \"\(hex.prefix(40))\"", zeroAllowed: zeroAllowed)
    }

    static func spanID(bytes: UnsafeRawBufferPointer, path: String, zeroAllowed: Bool = false) throws(OTLPDecodingError) -> SpanID {
        try valid(SpanID(bytes: bytes), path, malformed: "must be 8 bytes, got \(bytes.count)", zeroAllowed: zeroAllowed)
    }

    private static func padded(_ low: SpanID) -> TraceID { TraceID(high: 0, low: low.value) }

    private static func valid<ID: ZipkinID>(_ id: ID?, _ path: String, malformed: String, zeroAllowed: Bool) throws(OTLPDecodingError) -> ID
    {
        guard let id else { throw ZipkinSpan.problem(path, malformed) }
        guard id.isValid || zeroAllowed else { throw ZipkinSpan.problem(path, "is all zeros, which is not a valid \(ID.kindName) id") }
        return id
    }

    /// `CLIENT`, `SERVER`, `PRODUCER`, `CONSUMER` (case ignored).
    static func kind(_ text: String, path: String) throws(OTLPDecodingError) -> ZipkinSpan.Kind {
        switch text.uppercased() {
        case "CLIENT": return .client
        case "SERVER": return .server
        case "PRODUCER": return .producer
        case "CONSUMER": return .consumer
        default: throw ZipkinSpan.problem(path, "must be CLIENT, SERVER, PRODUCER or CONSUMER, got \"\(text.prefix(40))\"")
        }
    }

    /// zipkin.proto3's `Span.Kind` numbers; 0 (unspecified) is a local span.
    static func kind(number: UInt64, path: String) throws(OTLPDecodingError) -> ZipkinSpan.Kind? {
        switch number {
        case 0: return nil
        case 1: return .client
        case 2: return .server
        case 3: return .producer
        case 4: return .consumer
        default: throw ZipkinSpan.problem(path, "must be 0 to 4 (unspecified, CLIENT, SERVER, PRODUCER, CONSUMER), got \(number)")
        }
    }
}

/// What the id checks need of both kinds of id.
private protocol ZipkinID {
    var isValid: Bool { get }
    static var kindName: String { get }
}

extension TraceID: ZipkinID { fileprivate static var kindName: String { "trace" } }
extension SpanID: ZipkinID { fileprivate static var kindName: String { "span" } }

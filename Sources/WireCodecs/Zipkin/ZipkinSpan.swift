import TraceModel

/// One Zipkin v2 span as it arrived (JSON or `zipkin.proto3`), before it is mapped to the OpenTelemetry model.
/// Both decoders produce these, so the mapping (`ZipkinSpan+Mapping.swift`) is written once.
struct ZipkinSpan: Sendable {
    enum Kind: Sendable { case client, server, producer, consumer }

    /// 64-bit trace ids are already left-padded with zeros to 128 bits (what the OpenTelemetry Collector does).
    var traceID: TraceID
    var id: SpanID
    var parentID: SpanID?
    var name = ""
    /// nil: a local span (Zipkin omits the kind).
    var kind: Kind?
    /// Microseconds since the epoch; nil when not sent (allowed: a late-reported half of a shared span).
    var timestampMicros: UInt64?
    var durationMicros: UInt64?
    var localEndpoint: ZipkinEndpoint?
    var remoteEndpoint: ZipkinEndpoint?
    var annotations: [ZipkinAnnotation] = []
    /// In the order sent; values are strings in Zipkin.
    var tags: [(key: String, value: String)] = []
    var debug = false
    /// The server half of a span whose id the client half uses too (`ZipkinSharedSpans`).
    var shared = false

    init(traceID: TraceID, id: SpanID) {
        self.traceID = traceID
        self.id = id
    }

    /// A whole-request decoding error naming where: `zipkin: spans[3].traceId must be …`.
    static func problem(_ path: String, _ problem: String) -> OTLPDecodingError {
        OTLPDecodingError("zipkin: \(path) \(problem)")
    }
}

struct ZipkinEndpoint: Sendable {
    var serviceName: String?
    /// Addresses in their text form (protobuf's raw bytes are formatted by `ZipkinAddress`).
    var ipv4: String?
    var ipv6: String?
    var port: Int?

    var address: String? { ipv6 ?? ipv4 }
}

struct ZipkinAnnotation: Sendable {
    var timestampMicros: UInt64
    var value: String
}

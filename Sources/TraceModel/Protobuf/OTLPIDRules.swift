/// Which trace and span ids a decoded item may carry (OTLP: empty or all-zero ids are invalid).
/// `id` is the parsed id, nil when the bytes had the wrong length; `byteCount` is what was sent.
enum OTLPIDRules {
    /// A span (and a link) needs a valid trace id; without one the span is rejected.
    static func requiredTraceID(_ id: TraceID?, byteCount: Int) -> Result<TraceID, RejectedItem> {
        guard byteCount > 0 else { return .failure(RejectedItem(reason: "traceId is empty")) }
        guard let id else { return .failure(RejectedItem(reason: "traceId has \(byteCount) bytes, expected 16")) }
        guard id.isValid else { return .failure(RejectedItem(reason: "traceId is all zeros")) }
        return .success(id)
    }

    static func requiredSpanID(_ id: SpanID?, byteCount: Int, field: String) -> Result<SpanID, RejectedItem> {
        guard byteCount > 0 else { return .failure(RejectedItem(reason: "\(field) is empty")) }
        guard let id else { return .failure(RejectedItem(reason: "\(field) has \(byteCount) bytes, expected 8")) }
        guard id.isValid else { return .failure(RejectedItem(reason: "\(field) is all zeros")) }
        return .success(id)
    }

    /// Empty or all-zero means a root span; any other length is a broken id and rejects the span.
    static func parentSpanID(_ id: SpanID?, byteCount: Int) -> Result<SpanID?, RejectedItem> {
        guard byteCount > 0 else { return .success(nil) }
        guard let id else { return .failure(RejectedItem(reason: "parentSpanId has \(byteCount) bytes, expected 8 or none")) }
        return .success(id.isValid ? id : nil)
    }

    /// A log record keeps an invalid id as "not linked" rather than being rejected.
    static func optionalTraceID(_ id: TraceID?) -> TraceID? { id?.isValid == true ? id : nil }
    static func optionalSpanID(_ id: SpanID?) -> SpanID? { id?.isValid == true ? id : nil }
}

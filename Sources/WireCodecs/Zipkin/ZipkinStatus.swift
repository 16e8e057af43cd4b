import TraceModel

/// A Zipkin span's status, from the tags OpenTelemetry's Zipkin exporters write and the ones Zipkin tracers
/// always wrote:
/// - `otel.status_code` in any spelling (`OK`, `Ok`, `ok`, `STATUS_CODE_OK`, `ERROR`, `Error`, `STATUS_CODE_ERROR`,
///   `UNSET`, …) and `otel.status_description` as the message;
/// - `error`: any value makes the span an error; the value is the message unless it is empty or `true`
///   (Brave and the OpenTelemetry exporters write the message, older tracers just `true`).
/// An explicit `otel.status_code` wins over the `error` tag: it is the more precise of the two.
enum ZipkinStatus {
    static func take(from tags: inout ZipkinTags) -> SpanStatus {
        let code = tags.take(SyntheticTags.statusCode).flatMap(statusCode(_:))
        let description = tags.take(SyntheticTags.statusDescription)
        let errorTag = tags.take(SyntheticTags.error)
        let errorMessage = errorTag.flatMap { ["", "true"].contains($0.lowercased()) ? nil : $0 }
        switch code {
        case .ok?: return SpanStatus(code: .ok)
        case .error?: return SpanStatus(code: .error, message: description ?? errorMessage ?? "")
        case .unset?: return SpanStatus()
        default:
            guard errorTag != nil else { return SpanStatus() }
            return SpanStatus(code: .error, message: description ?? errorMessage ?? "")
        }
    }

    /// nil for a spelling it does not know (then the `error` tag decides).
    static func statusCode(_ text: String) -> StatusCode? {
        var name = text.filter { $0 != " " }.uppercased()
        if name.hasPrefix("STATUS_CODE_") { name.removeFirst("STATUS_CODE_".count) }
        switch name {
        case "OK", "1": return .ok
        case "ERROR", "2": return .error
        case "UNSET", "0": return .unset
        default: return nil
        }
    }
}

/// The one place that decides whether a span counts as an error: status ERROR, or (for spans with unset
/// status) an HTTP 5xx, or a 4xx on a CLIENT span — the semantic conventions' rule. Old and new attribute
/// names are both read.
package enum SpanErrorRule {
    package static func isError(_ span: Span) -> Bool {
        switch span.status.code {
        case .error: return true
        case .ok: return false
        default: break
        }
        guard let status = httpStatus(span.attributes) else { return false }
        if status >= 500 { return true }
        return status >= 400 && span.kind == .client
    }

    private static func httpStatus(_ attributes: [KeyValue]) -> Int64? {
        for attribute in attributes where attribute.key == "http.response.status_code" || attribute.key == "http.status_code" {
            if let value = attribute.value.intValue { return value }
        }
        return nil
    }
}

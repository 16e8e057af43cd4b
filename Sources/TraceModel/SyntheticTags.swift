/// Tags that stand for a span's own fields where a format has no field for them: Zipkin and Jaeger carry kind and
/// status as tags (the OpenTelemetry exporters' spelling), so the writers and readers of those formats, and tracetop
/// showing them, all use these names.
package enum SyntheticTags {
    package static let spanKind = "span.kind"
    package static let statusCode = "otel.status_code"
    package static let statusDescription = "otel.status_description"
    /// `true` on an error span (Jaeger), or the error's message (Zipkin).
    package static let error = "error"
    package static let scopeName = "otel.scope.name"
    package static let scopeVersion = "otel.scope.version"
    package static let traceState = "w3c.tracestate"

    /// Every name above: what a view that shows kind and status in their own places leaves out of the tag list.
    package static let all: Set<String> = [spanKind, statusCode, statusDescription, error, scopeName, scopeVersion, traceState]

    /// The values of `otel.status_code`.
    package static let statusOK = "OK"
    package static let statusError = "ERROR"
}

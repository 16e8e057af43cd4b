/// Tags that stand for a span's own fields where a format has no field for them: Zipkin and Jaeger carry kind and
/// status as tags (the OpenTelemetry exporters' spelling), so the writers and readers of those formats, and tracetop
/// showing them, all use these names.
public enum SyntheticTags {
    public static let spanKind = "span.kind"
    public static let statusCode = "otel.status_code"
    public static let statusDescription = "otel.status_description"
    /// `true` on an error span (Jaeger), or the error's message (Zipkin).
    public static let error = "error"
    public static let scopeName = "otel.scope.name"
    public static let scopeVersion = "otel.scope.version"
    public static let traceState = "w3c.tracestate"

    /// Every name above: what a view that shows kind and status in their own places leaves out of the tag list.
    public static let all: Set<String> = [spanKind, statusCode, statusDescription, error, scopeName, scopeVersion, traceState]

    /// The values of `otel.status_code`.
    public static let statusOK = "OK"
    public static let statusError = "ERROR"
}

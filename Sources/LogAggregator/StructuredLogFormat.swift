/// How a structured-log request body is framed, chosen by its content type.
package enum StructuredLogFormat: Hashable, Sendable {
    /// One JSON object per line (`application/x-ndjson`, `application/jsonl`, …).
    case lines
    /// One JSON document: an array of objects, or a single object (`application/json`).
    case document

    static let lineMediaTypes: Set<String> = [
        "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonl",
        "application/jsonlines", "application/x-jsonlines"
    ]

    /// Reads the media type (parameters such as `; charset=utf-8` are ignored, case does not matter).
    package init?(contentType: String) {
        let mediaType =
            contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { String($0).trimmingASCIIWhitespace().lowercased() } ?? ""
        if mediaType == "application/json" {
            self = .document
        } else if Self.lineMediaTypes.contains(mediaType) {
            self = .lines
        } else {
            return nil
        }
    }

    static let accepted = "application/x-ndjson, application/jsonl or application/json"
}

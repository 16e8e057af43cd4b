import WireCodecs

/// What `StructuredLogNormalizer` made of a request: the good lines, grouped by service, and the bad ones.
public struct NormalizedLogs: Hashable, Sendable {
    /// One `ResourceLogs` per service (resource attribute `service.name`), in order of first appearance.
    public var data: LogsData
    /// The first `Limits.maxReportedErrors` bad lines, in input order.
    public var errors: [LineError]
    /// All bad lines, including those beyond the reported ones.
    public var rejectedCount: Int

    public init(data: LogsData = LogsData(), errors: [LineError] = [], rejectedCount: Int = 0) {
        self.data = data
        self.errors = errors
        self.rejectedCount = rejectedCount
    }

    public var acceptedCount: Int { data.logRecordCount }

    /// For the response's `partialSuccess.errorMessage`: the reported bad lines, and how many more were not listed.
    /// Empty when every line was accepted.
    public var errorMessage: String {
        guard rejectedCount > 0 else { return "" }
        let more = rejectedCount > errors.count ? "; and \(rejectedCount - errors.count) more" : ""
        return "rejected \(rejectedCount) log line(s): " + errors.map(\.reason).joined(separator: "; ") + more
    }
}

/// One refused line. `line` is the 1-based line number for NDJSON and the 0-based index for a JSON array;
/// `reason` is the whole message, location included: `line 3: not a JSON object`, `element 0: …`.
public struct LineError: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { reason }
}

/// Why a whole request was refused (nothing in it is stored). `kind` lets the HTTP layer choose the status.
public struct StructuredLogError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The content type is none of the accepted ones (HTTP 415).
        case unsupportedContentType
        /// More lines or elements than `Limits.maxRecords` (HTTP 413: the client should split the batch).
        case tooManyRecords
        /// An `application/json` body that is not JSON, or not an array of objects or one object (HTTP 400).
        case invalidDocument
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

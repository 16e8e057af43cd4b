import WireCodecs

/// What `StructuredLogNormalizer` made of a request: the good lines, grouped by service, and the bad ones.
package struct NormalizedLogs: Hashable, Sendable {
    /// One `ResourceLogs` per service (resource attribute `service.name`), in order of first appearance.
    package var data: LogsData
    /// The first `Limits.maxReportedErrors` bad lines, in input order.
    package var errors: [LineError]
    /// All bad lines, including those beyond the reported ones.
    package var rejectedCount: Int

    package init(data: LogsData = LogsData(), errors: [LineError] = [], rejectedCount: Int = 0) {
        self.data = data
        self.errors = errors
        self.rejectedCount = rejectedCount
    }

    package var acceptedCount: Int { data.logRecordCount }

    /// For the response's `partialSuccess.errorMessage`: the reported bad lines, and how many more were not listed.
    /// Empty when every line was accepted.
    package var errorMessage: String {
        guard rejectedCount > 0 else { return "" }
        let more = rejectedCount > errors.count ? "; and \(rejectedCount - errors.count) more" : ""
        return "rejected \(rejectedCount) log line(s): " + errors.map(\.reason).joined(separator: "; ") + more
    }
}

/// One refused line. `line` is the 1-based line number for NDJSON and the 0-based index for a JSON array;
/// `reason` is the whole message, location included: `line 3: not a JSON object`, `element 0: …`.
package struct LineError: Hashable, Sendable, CustomStringConvertible {
    package var line: Int
    package var reason: String

    package init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    package var description: String { reason }
}

/// Why a whole request was refused (nothing in it is stored). `kind` lets the HTTP layer choose the status.
package struct StructuredLogError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Kind: Hashable, Sendable {
        /// The content type is none of the accepted ones (HTTP 415).
        case unsupportedContentType
        /// More lines or elements than `Limits.maxRecords` (HTTP 413: the client should split the batch).
        case tooManyRecords
        /// An `application/json` body that is not JSON, or not an array of objects or one object (HTTP 400).
        case invalidDocument
    }

    package var kind: Kind
    package var message: String

    package init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    package var description: String { message }
}

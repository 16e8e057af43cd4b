/// What a run sent and what came of it, for the one-line summary at the end.
public struct SendSummary: Hashable, Sendable {
    public var requests = 0
    public var spans = 0
    public var logs = 0
    /// Items the collector accepted the request for but reported as rejected (`partialSuccess`).
    public var rejectedItems = 0
    /// Requests that failed for good (non-retryable status, or retries exhausted).
    public var failedRequests = 0
    public var retries = 0
    public var firstError: String?

    public init() {}

    public mutating func add(_ outcome: SendOutcome, for request: EncodedRequest) {
        requests += 1
        retries += outcome.retries
        switch outcome.result {
        case .accepted(let rejected):
            spans += request.spanCount
            logs += request.logCount
            rejectedItems += rejected
            if rejected > 0, firstError == nil, let message = outcome.message { firstError = message }
        case .failed:
            failedRequests += 1
            if firstError == nil { firstError = outcome.message }
        }
    }

    public func line(seconds: Double, wrote: Bool = false) -> String {
        let verb = wrote ? "wrote" : "sent"
        var text =
            "tracetop-demo: " + verb + " " + String(requests) + " requests (" + String(spans) + " spans, "
            + String(logs) + " log records) in " + String(Int(seconds.rounded())) + " s; rejected "
            + String(rejectedItems) + "; errors " + String(failedRequests) + "; retries " + String(retries)
        if let firstError { text += "; first error: " + firstError }
        return text
    }
}

/// How one request ended.
public struct SendOutcome: Hashable, Sendable {
    public enum Result: Hashable, Sendable {
        /// 2xx; the count is what `partialSuccess` said was rejected.
        case accepted(rejected: Int)
        case failed(status: Int?)
    }

    public var result: Result
    public var retries: Int
    public var message: String?
}

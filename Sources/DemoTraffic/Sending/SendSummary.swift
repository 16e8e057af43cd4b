/// What a run sent and what came of it, for the one-line summary at the end.
package struct SendSummary: Hashable, Sendable {
    package var requests = 0
    package var spans = 0
    package var logs = 0
    /// Items the collector accepted the request for but reported as rejected (`partialSuccess`).
    package var rejectedItems = 0
    /// Requests that failed for good (non-retryable status, or retries exhausted).
    package var failedRequests = 0
    package var retries = 0
    /// Log records sent again by retries of requests that were then accepted: an attempt that timed out may have
    /// been stored, and log records have no id to replace by (spans do), so the store may hold up to this many
    /// more than `logs`.
    package var logsSentAgain = 0
    package var firstError: String?

    package init() {}

    package mutating func add(_ outcome: SendOutcome, for request: EncodedRequest) {
        requests += 1
        retries += outcome.retries
        switch outcome.result {
        case .accepted(let rejected):
            spans += request.spanCount
            logs += request.logCount
            logsSentAgain += request.logCount * outcome.retries
            rejectedItems += rejected
            if rejected > 0, firstError == nil, let message = outcome.message { firstError = message }
        case .failed:
            failedRequests += 1
            if firstError == nil { firstError = outcome.message }
        }
    }

    package func line(seconds: Double, wrote: Bool = false) -> String {
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
package struct SendOutcome: Hashable, Sendable {
    package enum Result: Hashable, Sendable {
        /// 2xx; the count is what `partialSuccess` said was rejected.
        case accepted(rejected: Int)
        case failed(status: Int?)
    }

    package var result: Result
    package var retries: Int
    package var message: String?
}

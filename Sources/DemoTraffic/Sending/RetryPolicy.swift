/// When to send a request again, as the OTLP exporters do: only for 429, 502, 503, 504 and transport
/// errors, waiting what `Retry-After` says (bounded) or an exponential backoff, a bounded number of times.
package struct RetryPolicy: Hashable, Sendable {
    package var maxAttempts: Int
    package var initialBackoffSeconds: Double
    package var maxBackoffSeconds: Double
    /// A server asking for longer than this is waited on only this long.
    package var maxRetryAfterSeconds: Double

    package init(
        maxAttempts: Int = 5, initialBackoffSeconds: Double = 0.5, maxBackoffSeconds: Double = 8,
        maxRetryAfterSeconds: Double = 30
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoffSeconds = initialBackoffSeconds
        self.maxBackoffSeconds = maxBackoffSeconds
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
    }

    /// Seconds to wait before attempt `attempt + 1`, or nil to give up. `status` nil means the request
    /// never got an answer (connection refused, reset, timed out).
    package func delay(afterAttempt attempt: Int, status: Int?, retryAfter: String?) -> Double? {
        guard attempt < maxAttempts else { return nil }
        if let status, ![429, 502, 503, 504].contains(status) { return nil }
        if let retryAfter, let seconds = Double(retryAfter.trimmingSpaces), seconds >= 0, seconds.isFinite {
            return min(seconds, maxRetryAfterSeconds)
        }
        let exponent = Double(1 << min(attempt - 1, 20))
        return min(initialBackoffSeconds * exponent, maxBackoffSeconds)
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return Substring(scalars[first...last])
    }
}

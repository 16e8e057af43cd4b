import TraceModel
import TracetopAPI

/// What a span says about itself through well-known attributes and events (OpenTelemetry semantic
/// conventions first, then common names), read once so every analysis agrees on the same rules.
/// The why-line asks these of every attribute key of every span when a trace opens, so names are matched with
/// `Needle` (bytes, case ignored) rather than lower-cased copies: on a 10,000-span trace the copies cost more
/// than the rest of the first frame.
enum SpanFacts {
    /// The exception event's type and message, the status description, `error.type`, or the HTTP status:
    /// the first of these a span carries, as one line.
    static func errorMessage(_ span: TraceSpan) -> String {
        if let exception = span.logs.first(where: { $0.fields[tag: "event"] == "exception" }) {
            let type = exception.fields[tag: "exception.type"].map(shortTypeName)
            let message = exception.fields[tag: "exception.message"]
            switch (type, message) {
            case let (type?, message?) where !message.isEmpty: return type + ": " + message
            case let (type?, _): return type
            case let (nil, message?) where !message.isEmpty: return message
            default: break
            }
        }
        if !span.status.message.isEmpty { return span.status.message }
        if let type = span.tags[tag: "error.type"], !type.isEmpty { return shortTypeName(type) }
        if let status = httpStatus(span) { return "HTTP \(status)" }
        return "status ERROR"
    }

    /// `java.net.SocketTimeoutException` reads as `SocketTimeoutException`: the package adds width, not meaning.
    static func shortTypeName(_ type: String) -> String {
        guard type.contains("."), !type.contains(" "), let last = type.split(separator: ".").last, !last.isEmpty else { return type }
        return String(last)
    }

    /// The HTTP response status (current and older semantic-convention keys).
    static func httpStatus(_ span: TraceSpan) -> Int? {
        for tag in span.tags where tag.key == "http.response.status_code" || tag.key == "http.status_code" {
            if let status = Int(tag.text) { return status }
        }
        return nil
    }

    /// The span was sent again: the semantic convention `http.request.resend_count`, or a retry counter.
    static func isResend(_ span: TraceSpan) -> Bool {
        span.tags.contains { tag in Needles.resendCount.matchesWhole(tag.key) || Needles.retryCounters.contains { $0.isSuffix(of: tag.key) }
        }
    }

    /// A timeout: an error type or status naming one, gRPC's DEADLINE_EXCEEDED (4), or a true
    /// `…timeout` / `…timed_out` flag. A `timeout_ms` setting alone is configuration, not a signal.
    static func isTimeout(_ span: TraceSpan) -> Bool {
        if span.tags[tag: "rpc.grpc.status_code"] == "4" { return true }
        for tag in span.tags where tag.text == "true" {
            if Needles.timeoutFlags.contains(where: { $0.isSuffix(of: tag.key) }) { return true }
        }
        guard span.isError else { return false }
        let words =
            [span.tags[tag: "error.type"], span.status.message]
            + span.logs.filter { $0.fields[tag: "event"] == "exception" }.flatMap {
                [$0.fields[tag: "exception.type"], $0.fields[tag: "exception.message"]]
            }
        return words.contains { word in
            guard let word = word?.lowercased() else { return false }
            return word.contains("timeout") || word.contains("timed out") || word.contains("deadline")
        }
    }

    /// An open (or half-open) circuit breaker: a `…circuit_breaker.state` attribute, an event saying it opened,
    /// or the breaker's rejection (resilience4j's CallNotPermittedException, Polly's BrokenCircuitException).
    static func circuitBreakerState(_ span: TraceSpan) -> String? {
        for tag in span.tags where Needles.state.isSuffix(of: tag.key) {
            guard Needles.breakerKeys.contains(where: { $0.found(in: tag.key) }) else { continue }
            let state = tag.text.lowercased()
            if state == "open" || state.hasPrefix("half") || state == "forced_open" { return state }
        }
        for event in span.logs {
            let name = event.fields[tag: "event"] ?? ""
            if Needles.breakerNames.contains(where: { $0.found(in: name) }) && Needles.open.found(in: name) { return "opened" }
        }
        if span.isError {
            let type =
                (span.tags[tag: "error.type"] ?? "") + " "
                + (span.logs.first { $0.fields[tag: "event"] == "exception" }?.fields[tag: "exception.type"] ?? "")
            if type.contains("CallNotPermitted") || type.contains("BrokenCircuit") || type.contains("CircuitOpen") { return "open" }
        }
        return nil
    }

    /// Undoing work: a saga compensation or a rollback, by the span's name or an attribute key.
    static func undoKind(_ span: TraceSpan) -> String? {
        let name = span.operationName
        if Needles.compensation.found(in: name) { return "compensation" }
        if Needles.rollback.found(in: name) || Needles.rollBack.found(in: name) { return "rollback" }
        for tag in span.tags {
            if Needles.compensation.found(in: tag.key) { return "compensation" }
            if Needles.rollback.found(in: tag.key) { return "rollback" }
        }
        return nil
    }

    /// The names the rules above look for, built once.
    private enum Needles {
        static let resendCount = Needle("http.request.resend_count")
        static let retryCounters = ["retry_count", "retry.count", "retry.attempt", "retry_attempt"].map(Needle.init)
        static let timeoutFlags = ["timeout", "timed_out", "timedout"].map(Needle.init)
        static let state = Needle("state")
        static let breakerKeys = ["circuit_breaker", "circuitbreaker"].map(Needle.init)
        static let breakerNames = ["circuit_breaker", "circuitbreaker", "circuit breaker"].map(Needle.init)
        static let open = Needle("open")
        static let compensation = Needle("compensat")
        static let rollback = Needle("rollback")
        static let rollBack = Needle("roll back")
    }
}

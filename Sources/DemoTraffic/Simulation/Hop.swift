import TraceModel

/// Where simulated work happens: which service, in which trace, under which span, for which request.
struct Hop: Sendable {
    var service: ShopService
    var traceID: TraceID
    /// The span new work goes under (and that logs written now belong to).
    var spanID: SpanID
    var correlationID: String

    func moved(to service: ShopService, spanID: SpanID) -> Hop {
        Hop(service: service, traceID: traceID, spanID: spanID, correlationID: correlationID)
    }

    func under(_ spanID: SpanID) -> Hop { moved(to: service, spanID: spanID) }
}

/// What a simulated handler answered: when it finished, its HTTP-style status and, on failure, why.
struct Reply: Sendable {
    var end: Nanos
    var status: Int64
    var failure: Failure?

    static func ok(_ end: Nanos, _ status: Int64 = 200) -> Reply { Reply(end: end, status: status, failure: nil) }
}

/// Why something failed: `error.type`, the status message, and (for exceptions) a stack trace.
struct Failure: Sendable {
    var type: String
    var message: String
    var stackTrace: String?
}

extension Span: Exportable {
    var readyTime: UInt64 { endTimeUnixNano }
}

extension LogRecord: Exportable {
    var readyTime: UInt64 { timeUnixNano }
}

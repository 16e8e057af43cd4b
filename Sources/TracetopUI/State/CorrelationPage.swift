import TracetopAPI

/// Every trace and log line sharing one correlation id.
public struct CorrelationPage: Hashable, Sendable {
    public var correlationId: String
    public var correlation: Correlation?
    public var cursor = ListCursor()
    public var error: String?

    public init(correlationId: String) { self.correlationId = correlationId }

    var request: APIRequest { .correlation(id: correlationId) }

    /// Traces first, then log lines: one list so j/k walk through both.
    public var itemCount: Int { (correlation?.traces.count ?? 0) + (correlation?.logs.count ?? 0) }
}

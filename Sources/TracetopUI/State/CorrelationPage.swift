import TracetopAPI

/// Every trace and log line sharing one correlation id.
package struct CorrelationPage: Hashable, Sendable {
    package var correlationId: String
    package var correlation: Correlation?
    package var cursor = ListCursor()
    package var error: String?

    package init(correlationId: String) { self.correlationId = correlationId }

    var request: APIRequest { .correlation(id: correlationId) }

    /// Traces first, then log lines: one list so j/k walk through both.
    package var itemCount: Int { (correlation?.traces.count ?? 0) + (correlation?.logs.count ?? 0) }
}

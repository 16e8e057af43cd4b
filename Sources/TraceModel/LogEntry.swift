/// A log record with its resource, scope, the time it was received and its correlation ids.
package struct LogEntry: Hashable, Sendable {
    package var record: LogRecord
    package var resource: Resource
    package var resourceSchemaUrl: String
    package var scope: InstrumentationScope
    package var scopeSchemaUrl: String
    package var receivedTimeUnixNano: UInt64
    package var correlationIDs: [String]

    package init(
        record: LogRecord, resource: Resource = Resource(), resourceSchemaUrl: String = "",
        scope: InstrumentationScope = InstrumentationScope(), scopeSchemaUrl: String = "",
        receivedTimeUnixNano: UInt64, correlationIDs: [String] = []
    ) {
        self.record = record
        self.resource = resource
        self.resourceSchemaUrl = resourceSchemaUrl
        self.scope = scope
        self.scopeSchemaUrl = scopeSchemaUrl
        self.receivedTimeUnixNano = receivedTimeUnixNano
        self.correlationIDs = correlationIDs
    }

    package var serviceName: String { resource.serviceName }
    package var timeUnixNano: UInt64 { record.effectiveTimeUnixNano(receivedAt: receivedTimeUnixNano) }
}

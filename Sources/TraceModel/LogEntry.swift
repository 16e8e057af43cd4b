/// A log record with its resource, scope, the time it was received and its correlation ids.
public struct LogEntry: Hashable, Sendable {
    public var record: LogRecord
    public var resource: Resource
    public var resourceSchemaUrl: String
    public var scope: InstrumentationScope
    public var scopeSchemaUrl: String
    public var receivedTimeUnixNano: UInt64
    public var correlationIDs: [String]

    public init(
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

    public var serviceName: String { resource.serviceName }
    public var timeUnixNano: UInt64 { record.effectiveTimeUnixNano(receivedAt: receivedTimeUnixNano) }
}

/// The entity that produced telemetry: its attributes name the service (`service.name`), host, SDK, …
public struct Resource: Hashable, Sendable {
    public var attributes: [KeyValue]
    public var droppedAttributesCount: UInt32

    public init(attributes: [KeyValue] = [], droppedAttributesCount: UInt32 = 0) {
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }

    /// `service.name`, or `unknown_service` when missing or empty (OpenTelemetry's rule).
    public var serviceName: String {
        if let name = attributes[key: "service.name"]?.stringValue, !name.isEmpty { return name }
        return "unknown_service"
    }
}

/// The instrumentation library that produced telemetry.
public struct InstrumentationScope: Hashable, Sendable {
    public var name: String
    public var version: String
    public var attributes: [KeyValue]
    public var droppedAttributesCount: UInt32

    public init(name: String = "", version: String = "", attributes: [KeyValue] = [], droppedAttributesCount: UInt32 = 0) {
        self.name = name
        self.version = version
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}

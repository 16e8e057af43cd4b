/// The entity that produced telemetry: its attributes name the service (`service.name`), host, SDK, …
package struct Resource: Hashable, Sendable {
    package var attributes: [KeyValue]
    package var droppedAttributesCount: UInt32

    package init(attributes: [KeyValue] = [], droppedAttributesCount: UInt32 = 0) {
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }

    /// `service.name`, or `unknown_service` when missing or empty (OpenTelemetry's rule).
    package var serviceName: String {
        if let name = attributes[key: "service.name"]?.stringValue, !name.isEmpty { return name }
        return "unknown_service"
    }
}

/// The instrumentation library that produced telemetry.
package struct InstrumentationScope: Hashable, Sendable {
    package var name: String
    package var version: String
    package var attributes: [KeyValue]
    package var droppedAttributesCount: UInt32

    package init(name: String = "", version: String = "", attributes: [KeyValue] = [], droppedAttributesCount: UInt32 = 0) {
        self.name = name
        self.version = version
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}

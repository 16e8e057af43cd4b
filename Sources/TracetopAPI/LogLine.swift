import JSONToolkit
import TraceModel

/// One row of `GET /api/logs` (and of a correlation's logs).
package struct LogLine: Hashable, Sendable {
    /// Microseconds since the epoch.
    package var timestamp: Int64
    /// The same time to the nanosecond, written as a string (JSON numbers lose digits past 2^53 in JavaScript).
    package var timeUnixNano: UInt64
    package var service: String
    package var severityNumber: Int32
    package var severityText: String
    /// Any body as text: a string as it is, other values as their JSON.
    package var body: String
    package var traceID: String
    package var spanID: String
    package var correlationIds: [String]
    package var eventName: String
    package var attributes: [Tag]

    package init(
        timestamp: Int64, timeUnixNano: UInt64? = nil, service: String, severityNumber: Int32, severityText: String = "", body: String,
        traceID: String = "", spanID: String = "", correlationIds: [String] = [], eventName: String = "", attributes: [Tag] = []
    ) {
        self.timestamp = Micros.clamp(timestamp)
        self.timeUnixNano = timeUnixNano ?? UInt64(Micros.clamp(timestamp)) * 1000
        self.service = service
        self.severityNumber = severityNumber
        self.severityText = severityText
        self.body = body
        self.traceID = traceID
        self.spanID = spanID
        self.correlationIds = correlationIds
        self.eventName = eventName
        self.attributes = attributes
    }

    /// Reader. A body that is not a string (an older collector wrote AnyValue bodies as JSON) reads as its text.
    package init(json: JSONValue, path: String) throws(APIShapeError) {
        let fields = try JSONFields(json, path: path)
        let body: String
        switch fields.object["body"] {
        case .string(let text)?: body = text
        case let other?: body = DisplayValue(json: other).displayString
        case nil: body = ""
        }
        var nanos: UInt64?
        if case .string(let text)? = fields.object["timeUnixNano"] { nanos = UInt64(text) }
        self.init(
            timestamp: fields.integer("timestamp"), timeUnixNano: nanos, service: fields.string("service"),
            severityNumber: Int32(clamping: fields.integer("severityNumber")), severityText: fields.string("severityText"), body: body,
            traceID: fields.string("traceID"), spanID: fields.string("spanID"), correlationIds: fields.strings("correlationIds"),
            eventName: fields.string("eventName"),
            attributes: try fields.objects("attributes", Tag.init(json:path:)) ?? [])
    }

    package func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("timestamp")
        writer.number(timestamp)
        writer.key("timeUnixNano")
        writer.quotedNumber(timeUnixNano)
        writer.key("service")
        writer.string(service)
        writer.key("severityNumber")
        writer.number(severityNumber)
        writer.key("severityText")
        writer.string(severityText)
        writer.key("body")
        writer.string(body)
        writer.key("traceID")
        writer.string(traceID)
        writer.key("spanID")
        writer.string(spanID)
        writer.key("correlationIds")
        writer.strings(correlationIds)
        writer.key("eventName")
        writer.string(eventName)
        writer.key("attributes")
        Tag.write(attributes, to: &writer)
        writer.endObject()
    }
}

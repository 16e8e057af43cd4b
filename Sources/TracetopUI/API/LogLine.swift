/// One row of `GET /api/logs` (and of a correlation's logs).
public struct LogLine: Hashable, Sendable, Decodable {
    /// Microseconds since the epoch.
    public var timestamp: Int64
    public var service: String
    public var severityNumber: Int32
    public var severityText: String
    public var body: String
    public var traceID: String
    public var spanID: String
    public var correlationIds: [String]
    public var eventName: String
    public var attributes: [Tag]

    public init(
        timestamp: Int64, service: String, severityNumber: Int32, severityText: String = "", body: String,
        traceID: String = "", spanID: String = "", correlationIds: [String] = [], eventName: String = "",
        attributes: [Tag] = []
    ) {
        self.timestamp = Micros.clamp(timestamp)
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

    enum CodingKeys: String, CodingKey {
        case timestamp, service, severityNumber, severityText, body, traceID, spanID, correlationIds, eventName, attributes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timestamp = Micros.clamp(try container.decodeIfPresent(Int64.self, forKey: .timestamp) ?? 0)
        service = try container.decodeIfPresent(String.self, forKey: .service) ?? ""
        severityNumber = try container.decodeIfPresent(Int32.self, forKey: .severityNumber) ?? 0
        severityText = try container.decodeIfPresent(String.self, forKey: .severityText) ?? ""
        // A body may be any AnyValue; the UI shows it as text.
        body = (try container.decodeIfPresent(DisplayValue.self, forKey: .body))?.displayString ?? ""
        traceID = try container.decodeIfPresent(String.self, forKey: .traceID) ?? ""
        spanID = try container.decodeIfPresent(String.self, forKey: .spanID) ?? ""
        correlationIds = try container.decodeIfPresent([String].self, forKey: .correlationIds) ?? []
        eventName = try container.decodeIfPresent(String.self, forKey: .eventName) ?? ""
        attributes = try container.decodeIfPresent([Tag].self, forKey: .attributes) ?? []
    }
}

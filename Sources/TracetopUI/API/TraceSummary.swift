/// One row of `GET /api/trace-summaries`.
public struct TraceSummary: Hashable, Sendable, Decodable {
    public var traceID: String
    public var rootService: String
    public var rootOperation: String
    /// Microseconds since the epoch.
    public var startTime: Int64
    /// Microseconds.
    public var duration: Int64
    public var spanCount: Int
    public var errorCount: Int
    public var services: [String]
    public var correlationIds: [String]

    public init(
        traceID: String, rootService: String, rootOperation: String, startTime: Int64, duration: Int64,
        spanCount: Int, errorCount: Int = 0, services: [String] = [], correlationIds: [String] = []
    ) {
        self.traceID = traceID
        self.rootService = rootService
        self.rootOperation = rootOperation
        self.startTime = Micros.clamp(startTime)
        self.duration = Micros.clamp(duration)
        self.spanCount = spanCount
        self.errorCount = errorCount
        self.services = services
        self.correlationIds = correlationIds
    }

    enum CodingKeys: String, CodingKey {
        case traceID, rootService, rootOperation, startTime, duration, spanCount, errorCount, services, correlationIds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        traceID = try container.decode(String.self, forKey: .traceID)
        rootService = try container.decodeIfPresent(String.self, forKey: .rootService) ?? ""
        rootOperation = try container.decodeIfPresent(String.self, forKey: .rootOperation) ?? ""
        startTime = Micros.clamp(try container.decodeIfPresent(Int64.self, forKey: .startTime) ?? 0)
        duration = Micros.clamp(try container.decodeIfPresent(Int64.self, forKey: .duration) ?? 0)
        spanCount = try container.decodeIfPresent(Int.self, forKey: .spanCount) ?? 0
        errorCount = try container.decodeIfPresent(Int.self, forKey: .errorCount) ?? 0
        services = try container.decodeIfPresent([String].self, forKey: .services) ?? []
        correlationIds = try container.decodeIfPresent([String].self, forKey: .correlationIds) ?? []
    }
}

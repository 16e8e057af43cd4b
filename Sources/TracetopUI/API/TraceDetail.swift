/// `GET /api/traces/{id}` in Jaeger's shape, reduced to what the waterfall and the detail pane show.
public struct TraceDetail: Hashable, Sendable, Decodable {
    public var traceID: String
    public var spans: [SpanRecord]
    public var processes: [String: Process]
    public var warnings: [String]?

    public init(traceID: String, spans: [SpanRecord], processes: [String: Process], warnings: [String]? = nil) {
        self.traceID = traceID
        self.spans = spans
        self.processes = processes
        self.warnings = warnings
    }

    public struct Process: Hashable, Sendable, Decodable {
        public var serviceName: String
        public var tags: [Tag]?

        public init(serviceName: String, tags: [Tag]? = nil) {
            self.serviceName = serviceName
            self.tags = tags
        }
    }
}

public struct SpanReference: Hashable, Sendable, Decodable {
    public var refType: String
    public var traceID: String
    public var spanID: String

    public init(refType: String, traceID: String, spanID: String) {
        self.refType = refType
        self.traceID = traceID
        self.spanID = spanID
    }
}

/// A span event in Jaeger's shape (a "log" with fields; the event name is the `event` field).
public struct SpanEventRecord: Hashable, Sendable, Decodable {
    public var timestamp: Int64
    public var fields: [Tag]

    public init(timestamp: Int64, fields: [Tag]) {
        self.timestamp = Micros.clamp(timestamp)
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey { case timestamp, fields }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timestamp = Micros.clamp(try container.decodeIfPresent(Int64.self, forKey: .timestamp) ?? 0)
        fields = try container.decodeIfPresent([Tag].self, forKey: .fields) ?? []
    }
}

public struct SpanRecord: Hashable, Sendable, Decodable {
    public var traceID: String
    public var spanID: String
    public var operationName: String
    public var references: [SpanReference]
    public var startTime: Int64
    public var duration: Int64
    public var tags: [Tag]
    public var logs: [SpanEventRecord]
    public var processID: String
    public var warnings: [String]?

    public init(
        traceID: String, spanID: String, operationName: String, references: [SpanReference] = [],
        startTime: Int64, duration: Int64, tags: [Tag] = [], logs: [SpanEventRecord] = [],
        processID: String, warnings: [String]? = nil
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.operationName = operationName
        self.references = references
        self.startTime = Micros.clamp(startTime)
        self.duration = Micros.clamp(duration)
        self.tags = tags
        self.logs = logs
        self.processID = processID
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case traceID, spanID, operationName, references, startTime, duration, tags, logs, processID, warnings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        traceID = try container.decode(String.self, forKey: .traceID)
        spanID = try container.decode(String.self, forKey: .spanID)
        operationName = try container.decodeIfPresent(String.self, forKey: .operationName) ?? ""
        references = try container.decodeIfPresent([SpanReference].self, forKey: .references) ?? []
        startTime = Micros.clamp(try container.decodeIfPresent(Int64.self, forKey: .startTime) ?? 0)
        duration = Micros.clamp(try container.decodeIfPresent(Int64.self, forKey: .duration) ?? 0)
        tags = try container.decodeIfPresent([Tag].self, forKey: .tags) ?? []
        logs = try container.decodeIfPresent([SpanEventRecord].self, forKey: .logs) ?? []
        processID = try container.decodeIfPresent(String.self, forKey: .processID) ?? ""
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings)
    }

    public var endTime: Int64 { startTime &+ duration }

    /// The parent: the first CHILD_OF reference (Jaeger's convention for the OTLP parent).
    public var parentSpanID: String? {
        references.first(where: { $0.refType == "CHILD_OF" && $0.traceID == traceID })?.spanID
    }

    public var isError: Bool {
        tags.contains { ($0.key == "error" && $0.text == "true") || ($0.key == "otel.status_code" && $0.text == "ERROR") }
    }
}

/// One row of `GET /api/latency`: a service and operation's percentiles (µs) and rates.
public struct LatencyRow: Hashable, Sendable, Decodable {
    public struct Bucket: Hashable, Sendable, Decodable {
        public var start: Int64
        public var count: Int
        public var errorCount: Int?
        public var p50: Int64?
        public var p95: Int64?
        public var p99: Int64?

        public init(start: Int64, count: Int, errorCount: Int? = 0, p50: Int64? = nil, p95: Int64? = nil, p99: Int64? = nil) {
            self.start = start
            self.count = count
            self.errorCount = errorCount
            self.p50 = p50
            self.p95 = p95
            self.p99 = p99
        }
    }

    public var service: String
    public var operation: String
    public var spanKind: String?
    public var count: Int
    public var ratePerSecond: Double
    public var errorCount: Int
    public var errorRate: Double
    public var p50: Int64
    public var p95: Int64
    public var p99: Int64
    public var max: Int64?
    public var series: [Bucket]?

    public init(
        service: String, operation: String, spanKind: String? = "server", count: Int, ratePerSecond: Double,
        errorCount: Int, errorRate: Double, p50: Int64, p95: Int64, p99: Int64, max: Int64? = nil,
        series: [Bucket]? = nil
    ) {
        self.service = service
        self.operation = operation
        self.spanKind = spanKind
        self.count = count
        self.ratePerSecond = ratePerSecond
        self.errorCount = errorCount
        self.errorRate = errorRate
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.max = max
        self.series = series
    }
}

/// `GET /api/latency/histogram`: span counts per logarithmic duration bucket (`le` in µs).
public struct LatencyHistogram: Hashable, Sendable, Decodable {
    public struct Bucket: Hashable, Sendable, Decodable {
        public var le: Int64
        public var count: Int

        public init(le: Int64, count: Int) {
            self.le = le
            self.count = count
        }
    }

    public var service: String
    public var operation: String
    public var count: Int
    public var buckets: [Bucket]

    public init(service: String, operation: String, count: Int, buckets: [Bucket]) {
        self.service = service
        self.operation = operation
        self.count = count
        self.buckets = buckets
    }
}

/// `GET /api/correlations/{id}`: every trace and log line sharing one correlation id.
public struct Correlation: Hashable, Sendable, Decodable {
    public var correlationId: String
    public var traces: [TraceSummary]
    public var logs: [LogLine]

    public init(correlationId: String, traces: [TraceSummary], logs: [LogLine]) {
        self.correlationId = correlationId
        self.traces = traces
        self.logs = logs
    }
}

import TraceModel

/// A search over trace summaries. All bounds are optional; times are nanoseconds since the epoch.
public struct TraceQuery: Hashable, Sendable {
    public enum Sort: String, Hashable, Sendable, CaseIterable {
        case recent, duration, errors, spans
    }

    /// Which duration `minDuration`/`maxDuration` bound: the trace's (our default) or any one span's (Jaeger's).
    public enum DurationScope: String, Hashable, Sendable {
        case trace, span
    }

    /// A trace matches when at least one span has the service.
    public var service: String?
    /// A trace matches when at least one span of `service` (or any service) has this name.
    public var operation: String?
    /// Every tag must match on one span of the trace (span attributes, resource attributes, or the
    /// synthetic `error`, `span.kind`, `otel.status_code`).
    public var tags: [String: String]
    public var minDurationNanos: UInt64?
    public var maxDurationNanos: UInt64?
    public var durationScope: DurationScope
    public var startFromNanos: UInt64?
    public var startToNanos: UInt64?
    public var errorsOnly: Bool
    public var correlationID: String?
    public var sort: Sort
    public var limit: Int

    public init(
        service: String? = nil, operation: String? = nil, tags: [String: String] = [:],
        minDurationNanos: UInt64? = nil, maxDurationNanos: UInt64? = nil, durationScope: DurationScope = .trace,
        startFromNanos: UInt64? = nil, startToNanos: UInt64? = nil, errorsOnly: Bool = false,
        correlationID: String? = nil, sort: Sort = .recent, limit: Int = 20
    ) {
        self.service = service
        self.operation = operation
        self.tags = tags
        self.minDurationNanos = minDurationNanos
        self.maxDurationNanos = maxDurationNanos
        self.durationScope = durationScope
        self.startFromNanos = startFromNanos
        self.startToNanos = startToNanos
        self.errorsOnly = errorsOnly
        self.correlationID = correlationID
        self.sort = sort
        self.limit = limit
    }
}

public struct TraceSummary: Hashable, Sendable {
    public var traceID: TraceID
    /// Empty while no parentless span has arrived.
    public var rootService: String
    public var rootOperation: String
    public var startTimeUnixNano: UInt64
    public var durationNanos: UInt64
    public var spanCount: Int
    public var errorCount: Int
    public var services: [String]
    public var correlationIDs: [String]

    public init(
        traceID: TraceID, rootService: String, rootOperation: String, startTimeUnixNano: UInt64,
        durationNanos: UInt64, spanCount: Int, errorCount: Int, services: [String], correlationIDs: [String]
    ) {
        self.traceID = traceID
        self.rootService = rootService
        self.rootOperation = rootOperation
        self.startTimeUnixNano = startTimeUnixNano
        self.durationNanos = durationNanos
        self.spanCount = spanCount
        self.errorCount = errorCount
        self.services = services
        self.correlationIDs = correlationIDs
    }
}

public struct OperationName: Hashable, Sendable {
    public var service: String
    public var name: String
    public var kind: SpanKind
    public init(service: String, name: String, kind: SpanKind) {
        self.service = service
        self.name = name
        self.kind = kind
    }
}

public struct DependencyLink: Hashable, Sendable {
    public var parent: String
    public var child: String
    public var callCount: Int
    public var errorCount: Int
    public init(parent: String, child: String, callCount: Int, errorCount: Int) {
        self.parent = parent
        self.child = child
        self.callCount = callCount
        self.errorCount = errorCount
    }
}

public struct LatencyQuery: Hashable, Sendable {
    public var service: String?
    public var operation: String?
    public var kind: SpanKind?
    public var fromNanos: UInt64
    public var toNanos: UInt64
    /// With a step, each result also carries a series of buckets this long (a whole number of minutes).
    public var stepNanos: UInt64?

    public init(
        service: String? = nil, operation: String? = nil, kind: SpanKind? = nil, fromNanos: UInt64, toNanos: UInt64,
        stepNanos: UInt64? = nil
    ) {
        self.service = service
        self.operation = operation
        self.kind = kind
        self.fromNanos = fromNanos
        self.toNanos = toNanos
        self.stepNanos = stepNanos
    }
}

/// Percentiles of one operation's span durations, in microseconds.
public struct LatencyFigures: Hashable, Sendable {
    public var count: Int
    public var errorCount: Int
    public var p50: UInt64
    public var p75: UInt64
    public var p90: UInt64
    public var p95: UInt64
    public var p99: UInt64
    public var max: UInt64

    public init(
        count: Int = 0, errorCount: Int = 0, p50: UInt64 = 0, p75: UInt64 = 0, p90: UInt64 = 0, p95: UInt64 = 0, p99: UInt64 = 0,
        max: UInt64 = 0
    ) {
        self.count = count
        self.errorCount = errorCount
        self.p50 = p50
        self.p75 = p75
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.max = max
    }
}

public struct OperationLatency: Hashable, Sendable {
    public struct Bucket: Hashable, Sendable {
        public var startNanos: UInt64
        public var figures: LatencyFigures

        public init(startNanos: UInt64, figures: LatencyFigures) {
            self.startNanos = startNanos
            self.figures = figures
        }
    }

    /// A bucket of the duration histogram: `count` spans took at most `upperBoundMicros` (and more than the previous bucket's bound).
    public struct HistogramBucket: Hashable, Sendable {
        public var upperBoundMicros: UInt64
        public var count: Int
    }

    public var operation: OperationName
    public var figures: LatencyFigures
    public var series: [Bucket]
    public var histogram: [HistogramBucket]

    public init(operation: OperationName, figures: LatencyFigures, series: [Bucket], histogram: [HistogramBucket]) {
        self.operation = operation
        self.figures = figures
        self.series = series
        self.histogram = histogram
    }
}

public struct LogQuery: Hashable, Sendable {
    public var traceID: TraceID?
    public var spanID: SpanID?
    public var correlationID: String?
    public var service: String?
    public var minSeverity: Int32?
    /// Text the body must contain (case-insensitive for ASCII).
    public var text: String?
    public var fromNanos: UInt64?
    public var toNanos: UInt64?
    public var limit: Int

    public init(
        traceID: TraceID? = nil, spanID: SpanID? = nil, correlationID: String? = nil, service: String? = nil,
        minSeverity: Int32? = nil, text: String? = nil, fromNanos: UInt64? = nil, toNanos: UInt64? = nil, limit: Int = 100
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.correlationID = correlationID
        self.service = service
        self.minSeverity = minSeverity
        self.text = text
        self.fromNanos = fromNanos
        self.toNanos = toNanos
        self.limit = limit
    }

    /// Trace and correlation queries read like a story (oldest first); tails read newest first.
    public var oldestFirst: Bool { traceID != nil || correlationID != nil || spanID != nil }
}

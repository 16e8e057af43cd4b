import TraceModel

/// A search over trace summaries. All bounds are optional; times are nanoseconds since the epoch.
package struct TraceQuery: Hashable, Sendable {
    package enum Sort: String, Hashable, Sendable, CaseIterable {
        case recent, duration, errors, spans
    }

    /// Which duration `minDuration`/`maxDuration` bound: the trace's (our default) or any one span's (Jaeger's).
    package enum DurationScope: String, Hashable, Sendable {
        case trace, span
    }

    /// A trace matches when at least one span has the service.
    package var service: String?
    /// A trace matches when at least one span of `service` (or any service) has this name.
    package var operation: String?
    /// Every tag must match on one span of the trace (span attributes, resource attributes, or the
    /// synthetic `error`, `span.kind`, `otel.status_code`).
    package var tags: [String: String]
    package var minDurationNanos: UInt64?
    package var maxDurationNanos: UInt64?
    package var durationScope: DurationScope
    package var startFromNanos: UInt64?
    package var startToNanos: UInt64?
    package var errorsOnly: Bool
    package var correlationID: String?
    package var sort: Sort
    package var limit: Int

    package init(
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

package struct TraceSummary: Hashable, Sendable {
    package var traceID: TraceID
    /// Empty while no parentless span has arrived.
    package var rootService: String
    package var rootOperation: String
    package var startTimeUnixNano: UInt64
    package var durationNanos: UInt64
    package var spanCount: Int
    package var errorCount: Int
    package var services: [String]
    package var correlationIDs: [String]

    package init(
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

package struct OperationName: Hashable, Sendable {
    package var service: String
    package var name: String
    package var kind: SpanKind
    package init(service: String, name: String, kind: SpanKind) {
        self.service = service
        self.name = name
        self.kind = kind
    }
}

package struct DependencyLink: Hashable, Sendable {
    package var parent: String
    package var child: String
    package var callCount: Int
    package var errorCount: Int
    package init(parent: String, child: String, callCount: Int, errorCount: Int) {
        self.parent = parent
        self.child = child
        self.callCount = callCount
        self.errorCount = errorCount
    }
}

package struct LatencyQuery: Hashable, Sendable {
    package var service: String?
    package var operation: String?
    package var kind: SpanKind?
    package var fromNanos: UInt64
    package var toNanos: UInt64
    /// With a step, each result also carries a series of buckets this long (a whole number of minutes).
    package var stepNanos: UInt64?

    package init(
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
package struct LatencyFigures: Hashable, Sendable {
    package var count: Int
    package var errorCount: Int
    package var p50: UInt64
    package var p75: UInt64
    package var p90: UInt64
    package var p95: UInt64
    package var p99: UInt64
    package var max: UInt64

    package init(
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

package struct OperationLatency: Hashable, Sendable {
    package struct Bucket: Hashable, Sendable {
        package var startNanos: UInt64
        package var figures: LatencyFigures

        package init(startNanos: UInt64, figures: LatencyFigures) {
            self.startNanos = startNanos
            self.figures = figures
        }
    }

    /// A bucket of the duration histogram: `count` spans took at most `upperBoundMicros` (and more than the previous bucket's bound).
    package struct HistogramBucket: Hashable, Sendable {
        package var upperBoundMicros: UInt64
        package var count: Int
    }

    package var operation: OperationName
    package var figures: LatencyFigures
    package var series: [Bucket]
    package var histogram: [HistogramBucket]

    package init(operation: OperationName, figures: LatencyFigures, series: [Bucket], histogram: [HistogramBucket]) {
        self.operation = operation
        self.figures = figures
        self.series = series
        self.histogram = histogram
    }
}

package struct LogQuery: Hashable, Sendable {
    package var traceID: TraceID?
    package var spanID: SpanID?
    package var correlationID: String?
    package var service: String?
    package var minSeverity: Int32?
    /// Text the body must contain (case-insensitive for ASCII).
    package var text: String?
    package var fromNanos: UInt64?
    package var toNanos: UInt64?
    package var limit: Int

    package init(
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
    package var oldestFirst: Bool { traceID != nil || correlationID != nil || spanID != nil }
}

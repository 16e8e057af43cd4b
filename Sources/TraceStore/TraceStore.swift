import TraceModel

/// The storage contract every backend (SQLite today; PostgreSQL for several collectors sharing one store later)
/// fulfils. `Tests/TraceStoreTests/TraceStoreContractTests` is the one suite any backend must pass.
///
/// Guarantees:
/// - `write` is atomic and durable: when it returns, every span and log of the batch is committed; when it
///   throws, none is. The collector acknowledges a request only after `write` returned.
/// - Spans are keyed by (trace id, span id): writing a span again replaces it (no duplicates).
/// - Trace summaries (root service and operation, start, trace duration, span count, error count, services,
///   correlation ids) are correct whatever order a trace's spans arrive in, across batches.
/// - Reads see every committed batch and never block writes for long.
public protocol TraceStore: Sendable {
    func write(_ batch: WriteBatch) async throws

    func trace(_ id: TraceID) async throws -> [SpanRecord]
    func traceSummaries(_ query: TraceQuery) async throws -> [TraceSummary]
    /// The traces `traceSummaries` would find, each as `trace(_:)` gives it.
    func traces(_ query: TraceQuery) async throws -> [[SpanRecord]]
    func services() async throws -> [String]
    func operations(service: String?, kind: SpanKind?) async throws -> [OperationName]
    func dependencies(from start: UInt64, to end: UInt64) async throws -> [DependencyLink]
    func latency(_ query: LatencyQuery) async throws -> [OperationLatency]
    func logs(_ query: LogQuery) async throws -> [StoredLog]
    /// The correlation ids recorded for a trace (spans' and logs').
    func correlationIDs(ofTrace id: TraceID) async throws -> [String]

    /// Figures for operators and the benchmark: rows and file size.
    func statistics() async throws -> StoreStatistics

    // Retention. Each call is one short transaction, so the collector can enforce limits in small steps
    // between group commits without holding ingest up.

    /// Deletes at most `limit` traces (with their spans and correlation rows) that started before
    /// `cutoffNanos`, at most `limit` logs timestamped before it, and latency minutes wholly before it.
    /// Returns how many traces and logs went (0 when nothing older is left).
    func deleteOlder(than cutoffNanos: UInt64, limit: Int) async throws -> Int
    /// The time before which the `count` oldest traces or logs (whichever reach back further) lie: deleting
    /// older than it removes about that many of each (only the oldest instant when fewer are stored).
    /// Nil when the store is empty.
    func timeAfterOldest(_ count: Int) async throws -> UInt64?
    /// Bytes the database file takes and how many of them are free pages (reused by new writes).
    func spaceUsage() async throws -> SpaceUsage
    /// Returns up to `maxBytes` of free pages to the file system (the file shrinks). A no-op where the backend
    /// cannot shrink in steps.
    func reclaimFreeSpace(maxBytes: Int) async throws
}

public struct SpaceUsage: Hashable, Sendable {
    public var fileBytes: Int
    public var freeBytes: Int
    public var usedBytes: Int { fileBytes - freeBytes }

    public init(fileBytes: Int, freeBytes: Int) {
        self.fileBytes = fileBytes
        self.freeBytes = freeBytes
    }
}

/// What one group commit writes.
public struct WriteBatch: Sendable {
    public var spans: [SpanRecord]
    public var logs: [LogEntry]

    public init(spans: [SpanRecord] = [], logs: [LogEntry] = []) {
        self.spans = spans
        self.logs = logs
    }

    public var isEmpty: Bool { spans.isEmpty && logs.isEmpty }
}

/// A span with everything it was sent with: its resource and scope (shared, copy-on-write) and the
/// correlation ids found on it. This is both what is written and what a trace read returns.
public struct SpanRecord: Hashable, Sendable {
    public var span: Span
    public var resource: Resource
    public var resourceSchemaUrl: String
    public var scope: InstrumentationScope
    public var scopeSchemaUrl: String
    public var correlationIDs: [String]

    public init(
        span: Span, resource: Resource = Resource(), resourceSchemaUrl: String = "",
        scope: InstrumentationScope = InstrumentationScope(), scopeSchemaUrl: String = "", correlationIDs: [String] = []
    ) {
        self.span = span
        self.resource = resource
        self.resourceSchemaUrl = resourceSchemaUrl
        self.scope = scope
        self.scopeSchemaUrl = scopeSchemaUrl
        self.correlationIDs = correlationIDs
    }

    public var serviceName: String { resource.serviceName }
    public var isError: Bool { SpanErrorRule.isError(span) }
}

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

public struct StoredLog: Hashable, Sendable {
    public var entry: LogEntry
    public init(entry: LogEntry) { self.entry = entry }
}

public struct StoreStatistics: Hashable, Sendable {
    public var spanCount: Int
    public var traceCount: Int
    public var logCount: Int
    public var fileBytes: Int
}

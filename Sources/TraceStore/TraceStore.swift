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
    /// Work on a batch that does not need the database (encoding rows, say), done by the caller's thread so
    /// the one writer has less to do. Optional: `write` takes unprepared batches too.
    func prepare(_ batch: WriteBatch) -> WriteBatch
    /// One transaction for all the batches (a group commit).
    func write(_ batches: [WriteBatch]) async throws
    /// `write` for a caller that owns its thread (the collector's writer): blocks it until the commit.
    func writeBlocking(_ batches: [WriteBatch]) throws

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

    /// Deletes the oldest traces (with their spans and correlation rows) and logs that lie before `cutoffNanos`,
    /// oldest first whatever their kind, and stops at the first of `limits`: rows, bytes or time. Latency
    /// minutes go once no trace or log is left in them. Says how many rows went and how many bytes they took.
    func deleteOldest(before cutoffNanos: UInt64, within limits: DeletionLimits) async throws -> DeletedData
    /// Bytes the database file takes and how many of them are free pages (reused by new writes).
    func spaceUsage() async throws -> SpaceUsage
    /// Returns up to `maxBytes` of free pages to the file system (the file shrinks). A no-op where the backend
    /// cannot shrink in steps. Says how long it held the database.
    @discardableResult
    func reclaimFreeSpace(maxBytes: Int) async throws -> Duration
}

/// How much one retention step may delete: it stops at whichever bound it reaches first.
public struct DeletionLimits: Hashable, Sendable {
    /// Traces plus logs.
    public var rows: Int
    /// Bytes the deleted rows took (as `DeletedData.bytes` counts them).
    public var bytes: Int
    /// Time spent deleting, checked between rows: the transaction holds the database about this long at most
    /// (plus its commit). At least one row goes whatever the time, so every step makes progress.
    public var nanos: UInt64

    public init(rows: Int, bytes: Int = .max, nanos: UInt64 = .max) {
        self.rows = rows
        self.bytes = bytes
        self.nanos = nanos
    }
}

/// What one retention step deleted.
public struct DeletedData: Hashable, Sendable {
    /// Traces plus logs.
    public var rows: Int = 0
    /// How long the step held the database (ingest waits that long at most), its commit included.
    public var held: Duration = .zero
    /// The bytes those rows took in the file, with their spans, correlation rows and index entries: estimated
    /// from the stored lengths as the file format lays them out (overflow pages included). It is the space the delete frees inside pages, which
    /// comes back as whole free pages only later (see `RetentionEnforcer`).
    public var bytes: Int = 0

    public init(rows: Int = 0, bytes: Int = 0) {
        self.rows = rows
        self.bytes = bytes
    }
}

extension TraceStore {
    public func prepare(_ batch: WriteBatch) -> WriteBatch { batch }

    public func write(_ batch: WriteBatch) async throws { try await write([batch]) }
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
    /// Changing the spans drops what `prepare` worked out for them (it would no longer match).
    public var spans: [SpanRecord] { didSet { prepared = nil } }
    public var logs: [LogEntry]

    /// What `TraceStore.prepare` worked out for the spans; nil when not prepared.
    var prepared: PreparedBatch?

    public init(spans: [SpanRecord] = [], logs: [LogEntry] = []) {
        self.spans = spans
        self.logs = logs
    }

    public var isEmpty: Bool { spans.isEmpty && logs.isEmpty }

    /// Adds another batch's spans and logs. What was prepared is dropped (the writer prepares again): a group
    /// commit passes its requests' batches to `write` as a list instead, which copies nothing.
    public mutating func append(contentsOf other: WriteBatch) {
        spans += other.spans
        logs += other.logs
    }
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

    public init(spanCount: Int, traceCount: Int, logCount: Int, fileBytes: Int) {
        self.spanCount = spanCount
        self.traceCount = traceCount
        self.logCount = logCount
        self.fileBytes = fileBytes
    }
}

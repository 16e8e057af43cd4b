import TraceModel

/// The storage contract every backend (SQLite, and PostgreSQL for several collectors sharing one store) fulfils,
/// split by role so each part of the collector gets only the one it needs: ingest (`SpanIngestStore`, the
/// request handlers and the writer), queries (`TraceQueryStore`, the query APIs) and maintenance
/// (`StoreMaintenance`, retention and `/metrics`). `Tests/TraceStoreTests/TraceStoreContractTests` is the one
/// suite any backend must pass.
///
/// Guarantees:
/// - A write is atomic and durable: when it returns, every span and log of the batch is committed; when it
///   throws, none is. The collector acknowledges a request only after its write returned.
/// - Spans are keyed by (trace id, span id): writing a span again replaces it (no duplicates).
/// - Trace summaries (root service and operation, start, trace duration, span count, error count, services,
///   correlation ids) are correct whatever order a trace's spans arrive in, across batches.
/// - Reads see every committed batch and never block writes for long.
package typealias TraceStore = SpanIngestStore & TraceQueryStore & StoreMaintenance

/// How much one retention step may delete: it stops at whichever bound it reaches first.
package struct DeletionLimits: Hashable, Sendable {
    /// Traces plus logs.
    package var rows: Int
    /// Bytes the deleted rows took (as `DeletedData.bytes` counts them).
    package var bytes: Int
    /// Time spent deleting, checked between rows: the transaction holds the database about this long at most
    /// (plus its commit). At least one row goes whatever the time, so every step makes progress.
    package var nanos: UInt64

    package init(rows: Int, bytes: Int = .max, nanos: UInt64 = .max) {
        self.rows = rows
        self.bytes = bytes
        self.nanos = nanos
    }
}

/// What one retention step deleted.
package struct DeletedData: Hashable, Sendable {
    /// Traces plus logs.
    package var rows: Int = 0
    /// How long the step held the database (ingest waits that long at most), its commit included.
    package var held: Duration = .zero
    /// The bytes those rows took in the file, with their spans, correlation rows and index entries: estimated
    /// from the stored lengths as the file format lays them out (overflow pages included). It is the space the delete frees inside pages, which
    /// comes back as whole free pages only later (see `RetentionEnforcer`).
    package var bytes: Int = 0

    package init(rows: Int = 0, bytes: Int = 0) {
        self.rows = rows
        self.bytes = bytes
    }
}

/// What one group commit writes.
package struct WriteBatch: Sendable {
    package var spans: [SpanRecord]
    package var logs: [LogEntry]

    package init(spans: [SpanRecord] = [], logs: [LogEntry] = []) {
        self.spans = spans
        self.logs = logs
    }

    package var isEmpty: Bool { spans.isEmpty && logs.isEmpty }

    /// Adds another batch's spans and logs. A group commit passes its requests' batches to `write` as a list
    /// instead, which copies nothing.
    package mutating func append(contentsOf other: WriteBatch) {
        spans += other.spans
        logs += other.logs
    }
}

/// A span with everything it was sent with: its resource and scope (shared, copy-on-write) and the
/// correlation ids found on it. This is both what is written and what a trace read returns.
package struct SpanRecord: Hashable, Sendable {
    package var span: Span
    package var resource: Resource
    package var resourceSchemaUrl: String
    package var scope: InstrumentationScope
    package var scopeSchemaUrl: String
    package var correlationIDs: [String]

    package init(
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

    package var serviceName: String { resource.serviceName }
    package var isError: Bool { SpanErrorRule.isError(span) }
}

package struct StoredLog: Hashable, Sendable {
    package var entry: LogEntry
    package init(entry: LogEntry) { self.entry = entry }
}

package struct StoreStatistics: Hashable, Sendable {
    package var spanCount: Int
    package var traceCount: Int
    package var logCount: Int
    package var fileBytes: Int

    package init(spanCount: Int, traceCount: Int, logCount: Int, fileBytes: Int) {
        self.spanCount = spanCount
        self.traceCount = traceCount
        self.logCount = logCount
        self.fileBytes = fileBytes
    }
}

import TraceModel
import GRDB
import Foundation

/// Writes one batch inside one transaction: spans (a chunk per trace, re-sent spans replacing stored ones), the summaries of every trace they touch,
/// correlation ids, logs and latency histograms.
///
/// The span loop is the collector's hottest code, so:
/// - a trace's spans of one commit are one chunk (`TraceChunk`), keyed by the trace's sequence number
///   (`traces.seq`, given in arrival order), not by the random trace id: new rows land at the right edge of the
///   B-tree, where the pages are already in cache;
/// - a trace's summary is merged from what the batch adds (`TraceSummaryDelta`), one point read per trace,
///   rather than recomputed from every stored span of the trace;
/// - rows are bound through SQLite's C API (`RawStatement`), and a request's spans, which share one resource
///   and scope, look their ids up once.
struct BatchWriter {
    let db: Database
    var interned: InternTables
    /// The spans of one request share one resource and scope value: compared (cheaply, the storage is shared)
    /// before the value is encoded to look it up.
    private var lastResource: (resource: Resource, schemaUrl: String, id: Int64)?
    private var lastScope: (scope: InstrumentationScope, schemaUrl: String, id: Int64)?
    private var lastService: (resource: Resource, id: Int64)?

    private let preparer: SpanPreparer
    private var attributeIndex = AttributeIndexRows()

    init(db: Database, interned: InternTables, preparer: SpanPreparer) {
        self.db = db
        self.interned = interned
        self.preparer = preparer
    }

    /// Writes the batches (a group commit's requests, each prepared on its own) in one transaction. Returns the
    /// last dictionary string id this transaction inserted (see `StringInterner`).
    mutating func write(_ batches: [PreparedWrite]) throws -> UInt64 {
        if interned.chunkCompression == nil { interned.chunkCompression = try ChunkCompression(db: db) }
        var context = try CommitContext(db: db, compression: interned.chunkCompression!)
        let newestBefore = try newestTraceSeq()
        for request in batches where !request.batch.spans.isEmpty {
            let batch = request.batch
            // Batches from the collector come prepared; others (tests, tools) are prepared here.
            let prepared =
                (request.work as? PreparedBatch).flatMap { $0.spans.count == batch.spans.count ? $0 : nil } ?? preparer.prepare(batch.spans)
            // A trace in two batches of one commit is merged twice: the second read sees the first write.
            for trace in prepared.traces { try write(trace, of: batch, prepared: prepared, context: &context) }
        }
        // Taken out of `interned` while it changes: a copy left there made every append copy the sums.
        var pendingLatency = try interned.pendingLatency ?? PendingLatency.load(db)
        interned.pendingLatency = nil
        try pendingLatency.append(context.latency, db: db)
        if pendingLatency.isDue { try pendingLatency.fold(db) }
        interned.pendingLatency = pendingLatency
        for batch in batches { try writeLogs(batch.batch.logs) }
        try attributeIndex.flush(db, newestBefore: newestBefore, newestAfter: try newestTraceSeq())
        // Last, so the strings of every body encoded so far (this transaction's included) are in.
        return try preparer.strings.insertPending(db)
    }

    /// The statements of one transaction, and the latency counts it gathers.
    private struct CommitContext {
        var latency: [LatencyKey: LatencyCounts] = [:]
        let chunks: TraceChunkWriter
        let summaries: SummaryStatements
        let correlations: CorrelationIndex.Writer

        init(db: Database, compression: ChunkCompression) throws {
            chunks = try TraceChunkWriter(db: db, compression: compression)
            summaries = try SummaryStatements(db: db)
            correlations = try CorrelationIndex.Writer(db: db)
        }
    }

    /// One trace's spans of one batch: one chunk, the merged summary, tag pairs, correlation ids and the spans'
    /// latency counts. A span the trace holds already (a re-send) replaces the stored one: it is taken out of
    /// its old chunk, so each span id is in one chunk of its trace, and it is not counted again.
    private mutating func write(_ trace: PreparedTrace, of batch: WriteBatch, prepared: PreparedBatch, context: inout CommitContext) throws
    {
        let traceID = trace.traceID
        let stored = try context.summaries.read(traceID, db: db)
        let seq = try stored?.seq ?? nextTraceSeq()
        // A new trace has no chunks to look in: only traces that were stored already pay for the check.
        let storedSpans = stored == nil ? [:] : try context.chunks.storedSpanIDs(seq: seq, db: db)
        var replacedInChunks: [Int64: Set<SpanID>] = [:]
        var positionInChunk: [SpanID: Int] = [:]
        var chunk: [ChunkSpan] = []
        chunk.reserveCapacity(trace.spanIndices.count)
        var delta = TraceSummaryDelta()
        var resent = false
        var correlationIDs: [String] = []
        for index in trace.spanIndices {
            let span = try chunkSpan(batch.spans[index], prepared.spans[index])
            var replaced = true
            if let position = positionInChunk[span.spanID] {
                chunk[position] = span
            } else {
                if let storedChunk = storedSpans[span.spanID] {
                    replacedInChunks[storedChunk, default: []].insert(span.spanID)
                } else {
                    replaced = false
                }
                positionInChunk[span.spanID] = chunk.count
                chunk.append(span)
            }
            resent = resent || replaced
            add(span, of: batch.spans[index], replaced: replaced, to: &delta, correlationIDs: &correlationIDs, context: &context)
        }
        for (storedChunk, spanIDs) in replacedInChunks { try context.chunks.remove(spanIDs, fromChunk: storedChunk, db: db) }
        try context.chunks.insert(chunk, seq: seq, db: db)
        // A re-sent span would be counted twice by a merge: recompute that trace from its spans.
        if !resent, let merged = delta.merged(into: stored?.summary) {
            try context.summaries.write(merged, traceID: traceID, seq: seq, stored: stored?.summary, db: db)
        } else {
            try context.summaries.write(try recomputedSummary(seq: seq), traceID: traceID, seq: seq, stored: stored?.summary, db: db)
        }
        attributeIndex.add(trace.indexPairs, seq: seq)
        if !correlationIDs.isEmpty { try context.correlations.add(correlationIDs, seq: seq, isNewTrace: stored == nil, db: db) }
    }

    /// A span as its chunk keeps it, its operation, resource and scope interned. `borrowing`, and read through
    /// `record.span` rather than a local copy: copying a record retains each of its strings and arrays (~6 % of the
    /// writer's time).
    private mutating func chunkSpan(_ record: borrowing SpanRecord, _ preparation: borrowing PreparedSpan) throws -> ChunkSpan {
        let serviceID = try serviceID(of: record.resource)
        return ChunkSpan(
            spanID: record.span.spanID, parentSpanID: record.span.parentSpanID, start: record.span.startTimeUnixNano,
            end: record.span.endTimeUnixNano, serviceID: serviceID,
            operationID: try operationID(serviceID: serviceID, name: record.span.name, kind: record.span.kind),
            resourceID: try resourceID(record.resource, schemaUrl: record.resourceSchemaUrl),
            scopeID: try scopeID(record.scope, schemaUrl: record.scopeSchemaUrl), statusCode: record.span.status.code.rawValue,
            isError: preparation.isError, body: preparation.body)
    }

    /// What the span adds to its trace's summary and correlation ids and, when it is new, to the latency counts.
    private func add(
        _ span: ChunkSpan, of record: borrowing SpanRecord, replaced: Bool, to delta: inout TraceSummaryDelta,
        correlationIDs: inout [String], context: inout CommitContext
    ) {
        delta.add(
            start: span.start, end: span.end, isError: span.isError, serviceID: span.serviceID, operationID: span.operationID,
            isRoot: span.parentSpanID == nil)
        // Capped as the index caps them: a trace of 10k spans with an id each would otherwise cost ~10⁸ comparisons.
        for id in record.correlationIDs where correlationIDs.count < CorrelationIndex.maxIDsPerTrace && !correlationIDs.contains(id) {
            correlationIDs.append(id)
        }
        // A re-sent span (SDKs re-send after timeouts and 503s) is stored once, so it is counted once: its first
        // arrival already counted it.
        if !replaced {
            let minute = StoredTime.minute(of: span.start)
            context.latency[LatencyKey(operationID: span.operationID, minute: minute), default: LatencyCounts()]
                .record(micros: record.span.durationNanos / 1000, isError: span.isError)
        }
    }

    /// The newest trace sequence number given so far (0 before the first).
    private mutating func newestTraceSeq() throws -> Int64 {
        if interned.nextTraceSeq == nil {
            interned.nextTraceSeq = (try Int64.fetchOne(db, sql: "SELECT max(seq) FROM traces") ?? 0) + 1
        }
        return interned.nextTraceSeq! - 1
    }

    /// Trace sequence numbers only grow: spans of new traces append at the end of the spans table.
    private mutating func nextTraceSeq() throws -> Int64 {
        let seq = try newestTraceSeq() + 1
        interned.nextTraceSeq = seq + 1
        // The superblock before is full: its correlation rows fold into one row per id (see `CorrelationIndex`).
        if CorrelationIndex.opensSuperblock(seq) {
            let full = CorrelationIndex.superblock(ofSeq: seq) - 1
            try CorrelationIndex.sealSuperblocks(full...full, db: db)
        }
        return seq
    }

    /// A trace's summary from its stored spans (its chunks' columns; the bodies are not decoded):
    /// right whatever order spans arrive in and however often they are re-sent.
    private func recomputedSummary(seq: Int64) throws -> TraceSummaryDelta.Stored {
        let compression = interned.chunkCompression!
        let decoder = TraceChunkDecoder { [db] in try compression.dictionary($0, db: db) }
        var delta = TraceSummaryDelta()
        for span in try decoder.spans(seq: seq, bodies: false, db: db) {
            delta.add(
                start: span.start, end: span.end, isError: span.isError, serviceID: span.serviceID, operationID: span.operationID,
                isRoot: span.parentSpanID == nil)
        }
        return delta.merged(into: nil)!
    }

    // MARK: - Logs

    private mutating func writeLogs(_ logs: [LogEntry]) throws {
        guard !logs.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO logs (time_ns, service_id, severity_number, trace_id, span_id, resource_id, scope_id, body_text, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?)
                """)
        let insertCorrelation = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO log_correlations (correlation_id, log_id) VALUES (CAST(? AS TEXT), ?)")
        for entry in logs {
            let record = entry.record
            try insert.execute(arguments: [
                StoredTime.column(entry.timeUnixNano), try serviceID(entry.serviceName), record.severityNumber,
                record.traceID.map(StoredID.data), record.spanID.map(StoredID.data),
                try resourceID(entry.resource, schemaUrl: entry.resourceSchemaUrl),
                try scopeID(entry.scope, schemaUrl: entry.scopeSchemaUrl),
                StoredText.bytes(record.body.displayString),
                Data(preparer.strings.withLock { RowCodec.encodeLogBody(entry, interner: &$0) })
            ])
            let logID = db.lastInsertedRowID
            for id in Set(entry.correlationIDs) { try insertCorrelation.execute(arguments: [StoredText.bytes(id), logID]) }
        }
    }

    // MARK: - Interning

    /// Finding `service.name` means scanning the resource's attributes: done once per resource, not per span.
    private mutating func serviceID(of resource: Resource) throws -> Int64 {
        if let last = lastService, last.resource == resource { return last.id }
        let id = try serviceID(resource.serviceName)
        lastService = (resource, id)
        return id
    }

    private mutating func serviceID(_ name: String) throws -> Int64 {
        if let id = interned.services[name] { return id }
        try db.execute(sql: "INSERT OR IGNORE INTO services (name) VALUES (CAST(? AS TEXT))", arguments: [StoredText.bytes(name)])
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM services WHERE name = CAST(? AS TEXT)", arguments: [StoredText.bytes(name)])!
        interned.services[name] = id
        return id
    }

    private mutating func operationID(serviceID: Int64, name: String, kind: SpanKind) throws -> Int64 {
        let key = InternTables.OperationKey(serviceID: serviceID, name: name, kind: kind.rawValue)
        if let id = interned.operations[key] { return id }
        let arguments: StatementArguments = [serviceID, StoredText.bytes(name), kind.rawValue]
        try db.execute(
            sql: "INSERT OR IGNORE INTO operations (service_id, name, kind) VALUES (?, CAST(? AS TEXT), ?)", arguments: arguments)
        let id = try Int64.fetchOne(
            db, sql: "SELECT id FROM operations WHERE service_id = ? AND name = CAST(? AS TEXT) AND kind = ?", arguments: arguments)!
        if interned.operations.count > InternTables.maxEntries { interned.operations.removeAll() }
        interned.operations[key] = id
        return id
    }

    private mutating func resourceID(_ resource: Resource, schemaUrl: String) throws -> Int64 {
        if let last = lastResource, last.schemaUrl == schemaUrl, last.resource == resource { return last.id }
        let id = try internedBlobID(RowCodec.encodeResource(resource, schemaUrl: schemaUrl), table: "resources", cache: \.resources)
        lastResource = (resource, schemaUrl, id)
        return id
    }

    private mutating func scopeID(_ scope: InstrumentationScope, schemaUrl: String) throws -> Int64 {
        if let last = lastScope, last.schemaUrl == schemaUrl, last.scope == scope { return last.id }
        let id = try internedBlobID(RowCodec.encodeScope(scope, schemaUrl: schemaUrl), table: "scopes", cache: \.scopes)
        lastScope = (scope, schemaUrl, id)
        return id
    }

    /// The id of an interned blob (an encoded resource or scope): from the cache, else from its table, inserted if new.
    private mutating func internedBlobID(
        _ body: [UInt8], table: String, cache: WritableKeyPath<InternTables, [[UInt8]: Int64]>
    ) throws -> Int64 {
        if let id = interned[keyPath: cache][body] { return id }
        let id = try internBlob(table: table, body)
        if interned[keyPath: cache].count > InternTables.maxEntries { interned[keyPath: cache].removeAll() }
        interned[keyPath: cache][body] = id
        return id
    }

    private func internBlob(table: String, _ body: [UInt8]) throws -> Int64 {
        try db.execute(sql: "INSERT OR IGNORE INTO \(table) (body) VALUES (?)", arguments: [Data(body)])
        return try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE body = ?", arguments: [Data(body)])!
    }
}

struct LatencyKey: Hashable {
    var operationID: Int64
    var minute: Int64
}

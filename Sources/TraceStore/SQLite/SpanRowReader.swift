import GRDB
import TraceModel

/// The spans of one trace as records: its chunks decoded (see `TraceChunk`), each span's operation, resource and
/// scope looked up in the read's catalog. A trace by id reads 200 to 10,000 spans per request, so consecutive
/// spans, which mostly share their resource and scope, look them up once per run.
enum SpanRowReader {
    /// The trace's sequence number (its chunks are keyed by it, see `Schema`), nil for an unknown trace.
    static func traceSeq(_ id: TraceID, db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM traces WHERE trace_id = ?"), arguments: [StoredID.data(id)])
    }

    /// The trace's correlation ids, attached to each of its records (span-level ones are re-derived by whoever needs them).
    static func correlationIDs(_ id: TraceID, db: Database) throws -> [String] {
        guard let seq = try traceSeq(id, db: db) else { return [] }
        return try CorrelationIndex.ids(ofTrace: seq, db: db)
    }

    /// The records of the trace with sequence number `seq`, oldest first.
    static func spans(seq: Int64, traceID: TraceID, correlationIDs: [String], db: Database, catalog: inout ReadCatalog) throws
        -> [SpanRecord]
    {
        let form = try catalog.bodyForm()
        var records: [SpanRecord] = []
        var resourceID: Int64 = -1, resource = (Resource(), "")
        var scopeID: Int64 = -1, scope = (InstrumentationScope(), "")
        for stored in try catalog.chunkSpans(seq: seq, bodies: true) {
            let operation = try catalog.operation(stored.operationID)
            var span = Span(
                traceID: traceID, spanID: stored.spanID, parentSpanID: stored.parentSpanID, name: operation.name, kind: operation.kind,
                startTimeUnixNano: stored.start, endTimeUnixNano: stored.end,
                status: SpanStatus(code: StatusCode(rawValue: stored.statusCode)))
            try RowCodec.decodeSpanBody(stored.body, into: &span, form: form)
            if stored.resourceID != resourceID {
                resourceID = stored.resourceID
                resource = try catalog.resource(resourceID)
            }
            if stored.scopeID != scopeID {
                scopeID = stored.scopeID
                scope = try catalog.scope(scopeID)
            }
            records.append(
                SpanRecord(
                    span: span, resource: resource.0, resourceSchemaUrl: resource.1, scope: scope.0, scopeSchemaUrl: scope.1,
                    correlationIDs: correlationIDs))
        }
        return records
    }
}

import TraceModel
import GRDB
import Foundation

/// Writes one batch inside one transaction: spans (upserted), the summaries of every trace they touch,
/// correlation ids, logs and latency histograms.
struct BatchWriter {
    let db: Database
    var interned: InternTables

    init(db: Database, interned: InternTables) {
        self.db = db
        self.interned = interned
    }

    mutating func write(_ batch: WriteBatch) throws {
        var touchedTraces = Set<TraceID>()
        var correlations = Set<CorrelationRow>()
        var latency: [LatencyKey: LatencyHistogram] = [:]

        let insertSpan = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO spans (trace_id, span_id, parent_span_id, service_id, operation_id, resource_id,
                scope_id, start_ns, end_ns, status_code, is_error, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for record in batch.spans {
            let span = record.span
            let serviceID = try serviceID(record.serviceName)
            let operationID = try operationID(serviceID: serviceID, name: span.name, kind: span.kind)
            let isError = record.isError
            try insertSpan.execute(arguments: [
                StoredID.data(span.traceID), StoredID.data(span.spanID), span.parentSpanID.map(StoredID.data),
                serviceID, operationID,
                try resourceID(record.resource, schemaUrl: record.resourceSchemaUrl),
                try scopeID(record.scope, schemaUrl: record.scopeSchemaUrl),
                StoredTime.column(span.startTimeUnixNano), StoredTime.column(span.endTimeUnixNano),
                span.status.code.rawValue, isError, Data(RowCodec.encodeSpanBody(span)),
            ])
            touchedTraces.insert(span.traceID)
            for id in record.correlationIDs { correlations.insert(CorrelationRow(id: id, traceID: span.traceID)) }
            let minute = StoredTime.minute(of: span.startTimeUnixNano)
            latency[LatencyKey(operationID: operationID, minute: minute), default: LatencyHistogram()]
                .record(micros: span.durationNanos / 1000, isError: isError)
        }

        for traceID in touchedTraces { try refreshSummary(of: traceID) }
        let insertCorrelation = try db.cachedStatement(sql: "INSERT OR IGNORE INTO trace_correlations (correlation_id, trace_id) VALUES (?, ?)")
        for row in correlations { try insertCorrelation.execute(arguments: [row.id, StoredID.data(row.traceID)]) }
        try mergeLatency(latency)
        try writeLogs(batch.logs)
    }

    // MARK: - Trace summaries

    /// Recomputes a trace's summary from its stored spans. Reading the trace back (one contiguous range of the
    /// clustered table) is what keeps the summary right whatever order spans arrive in and however often they are re-sent.
    private func refreshSummary(of traceID: TraceID) throws {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT service_id, operation_id, parent_span_id IS NULL, start_ns, end_ns, is_error FROM spans WHERE trace_id = ?",
            arguments: [StoredID.data(traceID)])
        var start = UInt64.max, end: UInt64 = 0, count = 0, errors = 0
        var services = Set<Int64>()
        var root: (start: UInt64, service: Int64, operation: Int64)?
        while let row = try rows.next() {
            let spanStart = StoredTime.value(row[3] as Int64)
            // end < start happens in real data: such a span counts as instantaneous.
            let spanEnd = max(StoredTime.value(row[4] as Int64), spanStart)
            start = min(start, spanStart)
            end = max(end, spanEnd)
            count += 1
            if row[5] as Bool { errors += 1 }
            let service: Int64 = row[0]
            services.insert(service)
            if row[2] as Bool, root == nil || spanStart < root!.start {
                root = (spanStart, service, row[1])
            }
        }
        guard count > 0 else { return }
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO traces (trace_id, start_ns, duration_ns, span_count, error_count,
                    root_service_id, root_operation_id, service_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                StoredID.data(traceID), StoredTime.column(start), StoredTime.column(end - start), count, errors,
                root?.service, root?.operation, ServiceIDList.encode(services),
            ])
    }

    // MARK: - Latency

    private func mergeLatency(_ latency: [LatencyKey: LatencyHistogram]) throws {
        let select = try db.cachedStatement(sql: "SELECT count, error_count, histogram FROM latency_minutes WHERE operation_id = ? AND minute = ?")
        let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO latency_minutes (operation_id, minute, count, error_count, histogram) VALUES (?, ?, ?, ?, ?)")
        for (key, fresh) in latency {
            var merged = fresh
            if let row = try Row.fetchOne(select, arguments: [key.operationID, key.minute]) {
                let stored = try LatencyHistogram(encoded: [UInt8](row[2] as Data), count: row[0], errorCount: row[1])
                merged.merge(stored)
            }
            try upsert.execute(arguments: [key.operationID, key.minute, merged.count, merged.errorCount, Data(merged.encoded())])
        }
    }

    // MARK: - Logs

    private mutating func writeLogs(_ logs: [LogEntry]) throws {
        guard !logs.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO logs (time_ns, service_id, severity_number, trace_id, span_id, resource_id, scope_id, body_text, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertCorrelation = try db.cachedStatement(sql: "INSERT OR IGNORE INTO log_correlations (correlation_id, log_id) VALUES (?, ?)")
        for entry in logs {
            let record = entry.record
            try insert.execute(arguments: [
                StoredTime.column(entry.timeUnixNano), try serviceID(entry.serviceName), record.severityNumber,
                record.traceID.map(StoredID.data), record.spanID.map(StoredID.data),
                try resourceID(entry.resource, schemaUrl: entry.resourceSchemaUrl),
                try scopeID(entry.scope, schemaUrl: entry.scopeSchemaUrl),
                record.body.displayString, Data(RowCodec.encodeLogBody(entry)),
            ])
            let logID = db.lastInsertedRowID
            for id in Set(entry.correlationIDs) { try insertCorrelation.execute(arguments: [id, logID]) }
        }
    }

    // MARK: - Interning

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
        try db.execute(sql: "INSERT OR IGNORE INTO operations (service_id, name, kind) VALUES (?, CAST(? AS TEXT), ?)", arguments: arguments)
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM operations WHERE service_id = ? AND name = CAST(? AS TEXT) AND kind = ?", arguments: arguments)!
        if interned.operations.count > InternTables.maxEntries { interned.operations.removeAll() }
        interned.operations[key] = id
        return id
    }

    private mutating func resourceID(_ resource: Resource, schemaUrl: String) throws -> Int64 {
        let body = RowCodec.encodeResource(resource, schemaUrl: schemaUrl)
        if let id = interned.resources[body] { return id }
        let id = try internBlob(table: "resources", body)
        if interned.resources.count > InternTables.maxEntries { interned.resources.removeAll() }
        interned.resources[body] = id
        return id
    }

    private mutating func scopeID(_ scope: InstrumentationScope, schemaUrl: String) throws -> Int64 {
        let body = RowCodec.encodeScope(scope, schemaUrl: schemaUrl)
        if let id = interned.scopes[body] { return id }
        let id = try internBlob(table: "scopes", body)
        if interned.scopes.count > InternTables.maxEntries { interned.scopes.removeAll() }
        interned.scopes[body] = id
        return id
    }

    private func internBlob(table: String, _ body: [UInt8]) throws -> Int64 {
        try db.execute(sql: "INSERT OR IGNORE INTO \(table) (body) VALUES (?)", arguments: [Data(body)])
        return try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE body = ?", arguments: [Data(body)])!
    }
}

struct CorrelationRow: Hashable {
    var id: String
    var traceID: TraceID
}

struct LatencyKey: Hashable {
    var operationID: Int64
    var minute: Int64
}

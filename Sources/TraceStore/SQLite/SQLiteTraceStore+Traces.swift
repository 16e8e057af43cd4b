import TraceModel
import GRDB
import Foundation

extension SQLiteTraceStore {
    package func trace(_ id: TraceID) async throws -> [SpanRecord] {
        try await pool.read { db in
            var catalog = ReadCatalog(db: db, cache: self.catalogCache, dictionary: dictionary)
            return try Self.readTrace(id, db: db, catalog: &catalog)
        }
    }

    package func correlationIDs(ofTrace id: TraceID) async throws -> [String] {
        try await pool.read { db in try SpanRowReader.correlationIDs(id, db: db) }
    }

    package func traceSummaries(_ query: TraceQuery) async throws -> [TraceSummary] {
        try await pool.read { db in
            var catalog = ReadCatalog(db: db, cache: self.catalogCache, dictionary: dictionary)
            var results: [TraceSummary] = []
            try Self.search(query, db: db, catalog: &catalog) { row, traceID, catalog in
                results.append(try SummarySearch.summary(row, traceID: traceID, db: db, catalog: &catalog))
            }
            return results
        }
    }

    /// One read transaction for the search and every trace it finds: `/api/traces` answers whole traces, and
    /// neither the summaries' service names and correlation ids nor a transaction per trace are needed for that.
    package func traces(_ query: TraceQuery) async throws -> [[SpanRecord]] {
        try await pool.read { db in
            var catalog = ReadCatalog(db: db, cache: self.catalogCache, dictionary: dictionary)
            var traces: [[SpanRecord]] = []
            try Self.search(query, db: db, catalog: &catalog) { _, traceID, catalog in
                let spans = try Self.readTrace(traceID, db: db, catalog: &catalog)
                if !spans.isEmpty { traces.append(spans) }
            }
            return traces
        }
    }

    /// The traces a query matches, newest (or per `sort`) first, each passed to `found` with its summary row
    /// (columns as `SummarySearch` selects them), until `limit` were found or `maxExamined` examined.
    private static func search(
        _ query: TraceQuery, db: Database, catalog: inout ReadCatalog,
        found: (Row, TraceID, inout ReadCatalog) throws -> Void
    ) throws {
        guard let plan = try SummarySearch(query: query, catalog: &catalog) else { return }
        if !query.tags.isEmpty,
            let ranges = try AttributeIndexReader.candidateRanges(for: query.tags, maxTraces: maxIndexedCandidates, db: db)
        {
            if ranges.isEmpty { return }
            if AttributeIndexReader.traceCount(ranges) <= maxIndexedCandidates {
                return try searchCandidates(ranges, plan: plan, query: query, db: db, catalog: &catalog, found: found)
            }
        }
        let cursor = try Row.fetchCursor(db, sql: plan.sql, arguments: plan.arguments)
        var count = 0
        var examined = 0
        while count < query.limit, let row = try cursor.next() {
            examined += 1
            if examined > SummarySearch.maxExamined { break }
            let traceID = StoredID.traceID(row[0])!
            guard try candidateMatches(row, traceID: traceID, plan: plan, query: query, db: db, catalog: &catalog) else { continue }
            try found(row, traceID, &catalog)
            count += 1
        }
    }

    /// The filters SQL left to check on the candidate's spans: the span filter first (columns only), then the tags.
    private static func candidateMatches(
        _ row: Row, traceID: TraceID, plan: SummarySearch, query: TraceQuery, db: Database, catalog: inout ReadCatalog
    ) throws -> Bool {
        if let filter = plan.spanFilter, !(try filter.matches(seq: row[8], catalog: &catalog)) { return false }
        return try query.tags.isEmpty || TagMatcher.traceMatches(traceID, tags: query.tags, db: db, catalog: &catalog)
    }

    /// Up to this many candidate traces from the tag index are read and sorted in memory; past it the
    /// search walks the traces in order instead (a common value finds its matches early that way).
    static let maxIndexedCandidates: Int64 = 50_000

    /// A tag search over the traces the index leaves: rows gathered per candidate range, sorted as the
    /// query asks, then checked span by span until `limit` match.
    private static func searchCandidates(
        _ ranges: [ClosedRange<Int64>], plan: SummarySearch, query: TraceQuery, db: Database, catalog: inout ReadCatalog,
        found: (Row, TraceID, inout ReadCatalog) throws -> Void
    ) throws {
        // Not cached: the SQL holds inlined ids (operations, correlation hits), so each search's text differs and
        // a reader's statement cache, which never evicts, would grow with every one.
        let statement = try db.makeStatement(sql: plan.rangeSQL)
        var rows: [Row] = []
        for range in ranges {
            rows += try Row.fetchAll(statement, arguments: plan.arguments + [range.lowerBound, range.upperBound])
        }
        rows.sort(by: plan.precedes)
        var count = 0
        for row in rows where count < query.limit {
            let traceID = StoredID.traceID(row[0])!
            guard try candidateMatches(row, traceID: traceID, plan: plan, query: query, db: db, catalog: &catalog) else { continue }
            try found(row, traceID, &catalog)
            count += 1
        }
    }

    /// A trace's records, oldest first, each carrying the trace's correlation ids; empty for an unknown trace.
    private static func readTrace(_ id: TraceID, db: Database, catalog: inout ReadCatalog) throws -> [SpanRecord] {
        guard let seq = try SpanRowReader.traceSeq(id, db: db) else { return [] }
        let correlations = try SpanRowReader.correlationIDs(id, db: db)
        return try SpanRowReader.spans(seq: seq, traceID: id, correlationIDs: correlations, db: db, catalog: &catalog)
    }

    package func services() async throws -> [String] {
        try await pool.read { db in
            try Data.fetchAll(
                db, sql: "SELECT CAST(name AS BLOB) FROM services WHERE id IN (SELECT service_id FROM operations) ORDER BY name"
            )
            .map(StoredText.string)
        }
    }

    package func operations(service: String?, kind: SpanKind?) async throws -> [OperationName] {
        try await pool.read { db in
            var sql =
                "SELECT CAST(s.name AS BLOB), CAST(o.name AS BLOB), o.kind FROM operations o JOIN services s ON s.id = o.service_id WHERE 1"
            var arguments: StatementArguments = []
            if let service { sql += " AND s.name = CAST(? AS TEXT)"; arguments += [StoredText.bytes(service)] }
            if let kind { sql += " AND o.kind = ?"; arguments += [kind.rawValue] }
            sql += " ORDER BY s.name, o.name, o.kind"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                OperationName(service: StoredText.string($0[0]), name: StoredText.string($0[1]), kind: SpanKind(rawValue: $0[2]))
            }
        }
    }

    /// Service-to-service calls: a span whose parent belongs to another service is one call from the parent's
    /// service to the child's. Counted over the traces that started in the window (at most the newest
    /// `maxDependencyTraces`, so a week of data still answers).
    package func dependencies(from start: UInt64, to end: UInt64) async throws -> [DependencyLink] {
        try await pool.read { db in
            var catalog = ReadCatalog(db: db, cache: self.catalogCache, dictionary: dictionary)
            let traces = try Int64.fetchAll(
                db, sql: "SELECT seq FROM traces WHERE start_ns BETWEEN ? AND ? ORDER BY start_ns DESC LIMIT ?",
                arguments: [StoredTime.column(start), StoredTime.column(end), Self.maxDependencyTraces])
            var links: [DependencyKey: (calls: Int, errors: Int)] = [:]
            for trace in traces {
                let spans = try catalog.chunkSpans(seq: trace, bodies: false)
                var serviceOfSpan: [SpanID: Int64] = [:]
                for span in spans { serviceOfSpan[span.spanID] = span.serviceID }
                for span in spans {
                    guard let parent = span.parentSpanID, let parentService = serviceOfSpan[parent] else { continue }
                    guard parentService != span.serviceID else { continue }
                    let key = DependencyKey(parent: parentService, child: span.serviceID)
                    links[key, default: (0, 0)].calls += 1
                    if span.isError { links[key, default: (0, 0)].errors += 1 }
                }
            }
            return try links.map { key, counts in
                DependencyLink(
                    parent: try catalog.serviceName(key.parent), child: try catalog.serviceName(key.child),
                    callCount: counts.calls, errorCount: counts.errors)
            }.sorted { ($0.parent, $0.child) < ($1.parent, $1.child) }
        }
    }

    static let maxDependencyTraces = 100_000
}

private struct DependencyKey: Hashable {
    var parent: Int64
    var child: Int64
}

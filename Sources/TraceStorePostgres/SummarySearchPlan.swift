import NIOCore
import PostgresNIO
import TraceStore

/// A summary row as a search reads it.
struct SummaryRow: Sendable {
    var traceID: [UInt8]
    var start: Int64
    var duration: Int64
    var spanCount: Int64
    var errorCount: Int64
    var rootServiceID: Int64?
    var rootOperationID: Int64?
    var serviceIDs: [Int64]
}

/// A `TraceQuery` as SQL over `traces`, with the SQLite store's meaning (`SummarySearch`): a service matches when
/// any span has it, an operation when any span (of that service, if given) has the name, the duration bounds
/// the trace's or (scope `span`) any one span's (of the service, if given), the window bounds the trace's start.
/// Tag filters are checked on the spans by `PostgresTraceStore.search`; the indexed ones first narrow the candidates
/// (`PostgresTagIndex`).
struct SummarySearchPlan {
    /// As `SummarySearch.maxExamined`: a tag search looks at this many candidates at most.
    static let maxExamined = 200_000
    /// Candidates read (with their spans) per round trip of a tag search.
    static let tagPage = 256

    private let sql: BoundSQL
    private let filter: String
    private let order: String
    /// For a newest-first search with common indexed tags: the traces their rows list, to skip candidates they
    /// rule out without reading their spans.
    let holders: TagHolders?

    /// nil when the query cannot match anything (an unknown service or operation).
    init?(query: TraceQuery, store: PostgresTraceStore) async throws {
        var sql = BoundSQL()
        var conditions: [String] = []
        var serviceID: Int64?
        if let service = query.service {
            guard let id = try await store.serviceIDs.id(of: service, store: store) else { return nil }
            serviceID = id
            conditions.append("\(try sql.bind(id)) = ANY(t.service_ids)")
        }
        if let operation = query.operation {
            var lookup = BoundSQL()
            var lookupSQL = "SELECT id FROM operations WHERE name = \(try lookup.bind(bytesOf: operation))"
            if let serviceID { lookupSQL += " AND service_id = \(try lookup.bind(serviceID))" }
            let ids = try await store.rows(lookup.query(lookupSQL)).map { try $0.decode(Int64.self) }
            guard !ids.isEmpty else { return nil }
            conditions.append(
                "EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id AND s.operation_id = ANY(\(try sql.bind(ids))::bigint[]))")
        }
        switch query.durationScope {
        case .trace:
            if let min = query.minDurationNanos { conditions.append("t.duration_ns >= \(try sql.bind(StoredNanos.column(min)))") }
            if let max = query.maxDurationNanos { conditions.append("t.duration_ns <= \(try sql.bind(StoredNanos.column(max)))") }
        case .span:
            if query.minDurationNanos != nil || query.maxDurationNanos != nil {
                var span = ["s.trace_id = t.trace_id"]
                if let min = query.minDurationNanos { span.append("s.end_ns - s.start_ns >= \(try sql.bind(StoredNanos.column(min)))") }
                if let max = query.maxDurationNanos { span.append("s.end_ns - s.start_ns <= \(try sql.bind(StoredNanos.column(max)))") }
                if let serviceID { span.append("s.service_id = \(try sql.bind(serviceID))") }
                conditions.append("EXISTS (SELECT 1 FROM spans s WHERE \(span.joined(separator: " AND ")))")
            }
        }
        if let from = query.startFromNanos { conditions.append("t.start_ns >= \(try sql.bind(StoredNanos.column(from)))") }
        if let to = query.startToNanos { conditions.append("t.start_ns <= \(try sql.bind(StoredNanos.column(to)))") }
        if query.errorsOnly { conditions.append("t.error_count > 0") }
        var commonTags: [IndexedPair] = []
        if !query.tags.isEmpty {
            let narrowing = try await store.tagIndex.narrowing(for: query, sql: &sql, store: store)
            if narrowing.nothing { return nil }
            if let condition = narrowing.condition { conditions.append(condition) }
            commonTags = narrowing.common
        }
        if let correlation = query.correlationID {
            conditions.append(
                "t.trace_id IN (SELECT trace_id FROM trace_correlations WHERE correlation_id = \(try sql.bind(bytesOf: correlation)))")
        }
        // The trace id last: equal keys come back in one order, so a tag search's pages neither skip nor repeat.
        // Newest first breaks ties as SQLite's walk down its start index does (trace id descending), so both
        // backends list traces that started together in one order (docs/POSTGRES.md, "Differences from SQLite").
        switch query.sort {
        case .recent: order = "t.start_ns DESC, t.trace_id DESC"
        case .duration: order = "t.duration_ns DESC, t.trace_id"
        case .errors: order = "t.error_count DESC, t.start_ns DESC, t.trace_id"
        case .spans: order = "t.span_count DESC, t.start_ns DESC, t.trace_id"
        }
        filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        self.sql = sql
        // Only a walk by start, newest first, meets each trace after every row that could list it.
        holders = query.sort == .recent && !commonTags.isEmpty ? TagHolders(pairs: commonTags) : nil
    }

    func rows(limit: Int, offset: Int, store: PostgresTraceStore) async throws -> [SummaryRow] {
        var sql = self.sql
        let page = "LIMIT \(try sql.bind(Int64(limit))) OFFSET \(try sql.bind(Int64(offset)))"
        return try await store.rows(
            sql.query(
                """
                SELECT t.trace_id, t.start_ns, t.duration_ns, t.span_count, t.error_count, t.root_service_id, t.root_operation_id,
                       t.service_ids
                FROM traces t \(filter) ORDER BY \(order) \(page)
                """)
        ).map { row in
            let (trace, start, duration, spans, errors, rootService, rootOperation, services) =
                try row.decode((ByteBuffer, Int64, Int64, Int64, Int64, Int64?, Int64?, [Int64]).self)
            return SummaryRow(
                traceID: Array(trace.readableBytesView), start: start, duration: duration, spanCount: spans, errorCount: errors,
                rootServiceID: rootService, rootOperationID: rootOperation, serviceIDs: services)
        }
    }
}

import NIOCore
import PostgresNIO
import TraceModel
import TraceStore

extension PostgresTraceStore {
    package func trace(_ id: TraceID) async throws -> [SpanRecord] {
        try await spanRecords(of: [id.bytes])[id.bytes] ?? []
    }

    package func correlationIDs(ofTrace id: TraceID) async throws -> [String] {
        try await correlationIDs(of: [id.bytes])[id.bytes] ?? []
    }

    package func traceSummaries(_ query: TraceQuery) async throws -> [TraceSummary] {
        let rows = try await search(query)
        let correlations = try await correlationIDs(of: rows.map(\.traceID))
        let services = try await catalog.serviceNames(rows.flatMap { $0.serviceIDs + [$0.rootServiceID].compactMap { $0 } }, store: self)
        let operations = try await catalog.operations(rows.compactMap(\.rootOperationID), store: self)
        return rows.map { row in
            TraceSummary(
                traceID: TraceID(bytes: row.traceID) ?? TraceID(high: 0, low: 0),
                rootService: row.rootServiceID.flatMap { services[$0] } ?? "",
                rootOperation: row.rootOperationID.flatMap { operations[$0]?.name } ?? "",
                startTimeUnixNano: StoredNanos.value(row.start), durationNanos: StoredNanos.value(row.duration),
                spanCount: Int(row.spanCount), errorCount: Int(row.errorCount),
                services: row.serviceIDs.compactMap { services[$0] }.sorted(),
                correlationIDs: correlations[row.traceID] ?? [])
        }
    }

    package func traces(_ query: TraceQuery) async throws -> [[SpanRecord]] {
        let ids = try await search(query).map(\.traceID)
        let records = try await spanRecords(of: ids)
        return ids.compactMap { records[$0] }.filter { !$0.isEmpty }
    }

    /// The traces a query matches, in its order, up to its limit. Tag filters are checked on the spans of each
    /// candidate (read a page at a time), examining at most `SummarySearch.maxExamined` candidates as SQLite does;
    /// candidates the tag index rules out (`TagHolders`) are examined without reading their spans.
    func search(_ query: TraceQuery) async throws -> [SummaryRow] {
        guard let plan = try await SummarySearchPlan(query: query, store: self) else { return [] }
        guard !query.tags.isEmpty else { return try await plan.rows(limit: max(0, query.limit), offset: 0, store: self) }
        var holders = plan.holders
        var found: [SummaryRow] = []
        var examined = 0
        // The first page about the limit's size (a common value matches most candidates), doubling after. Every
        // candidate's spans are read, but with the index's holders only for as many candidates they list as matches
        // are still wanted (most listed ones match).
        var pageSize = min(SummarySearchPlan.tagPage, max(16, query.limit + query.limit / 2))
        while found.count < query.limit && examined < SummarySearchPlan.maxExamined {
            let page = try await plan.rows(limit: pageSize, offset: examined, store: self)
            guard let oldest = page.last else { break }
            try await holders?.read(downTo: oldest.start, store: self)
            var next = page.startIndex
            while next < page.endIndex && found.count < query.limit && examined < SummarySearchPlan.maxExamined {
                // The rows up to the chunk's last candidate; a ruled-out row has no spans read, so it matches nothing.
                let wanted = holders == nil ? page.count : max(query.limit - found.count, 8)
                var candidates: [[UInt8]] = []
                var end = next
                while end < page.endIndex && candidates.count < wanted {
                    if holders?.rulesOut(page[end]) != true { candidates.append(page[end].traceID) }
                    end += 1
                }
                let records = try await spanRecords(of: candidates)
                for row in page[next..<end] where found.count < query.limit {
                    examined += 1
                    if examined > SummarySearchPlan.maxExamined { break }
                    let spans = records[row.traceID] ?? []
                    let matches = spans.contains { record in
                        query.tags.allSatisfy { TagMatcher.spanHas(record, key: $0.key, value: $0.value) }
                    }
                    if matches { found.append(row) }
                }
                next = end
            }
            if page.count < pageSize { break }
            pageSize = min(SummarySearchPlan.tagPage, pageSize * 2)
        }
        return found
    }

    /// The records of these traces, each oldest first (ties by span id), each carrying its trace's correlation ids.
    func spanRecords(of traceIDs: [[UInt8]]) async throws -> [[UInt8]: [SpanRecord]] {
        guard !traceIDs.isEmpty else { return [:] }
        let rows =
            traceIDs.count == 1
            ? try await rows(PreparedReads.SpansOfTrace(traceID: ByteBuffer(bytes: traceIDs[0])))
            : try await rows(PreparedReads.Spans(traceIDs: traceIDs.map { ByteBuffer(bytes: $0) }))
        var spans: [(trace: TraceID, span: SpanID, columns: TraceReadRow.StoredSpan)] = []
        var correlationRows: [(trace: [UInt8], id: [UInt8])] = []
        for row in rows {
            switch try TraceReadRow(row) {
            case .span(let columns):
                spans.append(
                    (
                        TraceReadRow.traceID(columns.trace) ?? TraceID(high: 0, low: 0), TraceReadRow.spanID(columns.span) ?? SpanID(0),
                        columns
                    ))
            case .correlation(let trace, let id): correlationRows.append((Array(trace.readableBytesView), Array(id.readableBytesView)))
            }
        }
        // The rows come in the indexes' order (`PreparedReads.Spans`): trace by trace, each trace's spans oldest first
        // (ties by span id), its correlation ids byte by byte.
        spans.sort { ($0.trace, $0.columns.start, $0.span) < ($1.trace, $1.columns.start, $1.span) }
        correlationRows.sort { $0.id.lexicographicallyPrecedes($1.id) }
        var correlations: [[UInt8]: [String]] = [:]
        for (trace, id) in correlationRows { correlations[trace, default: []].append(String(decoding: id, as: UTF8.self)) }
        let operations = try await catalog.operations(spans.map(\.columns.operation), store: self)
        let resources = try await catalog.resources(spans.map(\.columns.resource), store: self)
        let scopes = try await catalog.scopes(spans.map(\.columns.scope), store: self)
        var records: [[UInt8]: [SpanRecord]] = [:]
        // Each trace's id is copied out once, for the records' key.
        var trace: (id: TraceID, bytes: [UInt8])?
        for (traceID, spanID, columns) in spans {
            if trace?.id != traceID { trace = (traceID, Array(columns.trace.readableBytesView)) }
            guard let traceBytes = trace?.bytes else { continue }
            guard let operation = operations[columns.operation], let resource = resources[columns.resource],
                let scope = scopes[columns.scope]
            else {
                throw StoreError("a span refers to an operation, resource or scope the database does not hold")
            }
            var span = Span(
                traceID: traceID, spanID: spanID,
                parentSpanID: columns.parent.flatMap(TraceReadRow.spanID), name: operation.name, kind: operation.kind,
                startTimeUnixNano: StoredNanos.value(columns.start), endTimeUnixNano: StoredNanos.value(columns.end),
                status: SpanStatus(code: StatusCode(rawValue: columns.status)))
            try InlineBodies.decodeSpan(Array(columns.body.readableBytesView), into: &span)
            records[traceBytes, default: []].append(
                SpanRecord(
                    span: span, resource: resource.0, resourceSchemaUrl: resource.1, scope: scope.0, scopeSchemaUrl: scope.1,
                    correlationIDs: correlations[traceBytes] ?? []))
        }
        return records
    }

    /// Each trace's correlation ids, sorted byte by byte (as the SQLite store sorts them).
    func correlationIDs(of traceIDs: [[UInt8]]) async throws -> [[UInt8]: [String]] {
        guard !traceIDs.isEmpty else { return [:] }
        let ids = traceIDs.map { ByteBuffer(bytes: $0) }
        var result: [[UInt8]: [String]] = [:]
        for (trace, id) in try await rows(PreparedReads.Correlations(traceIDs: ids)) {
            result[Array(trace.readableBytesView), default: []].append(String(buffer: id))
        }
        return result
    }

    package func services() async throws -> [String] {
        try await rows("SELECT name FROM services WHERE id IN (SELECT service_id FROM operations) ORDER BY name")
            .map { String(buffer: try $0.decode(ByteBuffer.self)) }
    }

    package func operations(service: String?, kind: SpanKind?) async throws -> [OperationName] {
        var sql = BoundSQL()
        var conditions = ["true"]
        if let service { conditions.append("s.name = \(try sql.bind(bytesOf: service))") }
        if let kind { conditions.append("o.kind = \(try sql.bind(kind.rawValue))") }
        return try await rows(
            sql.query(
                """
                SELECT s.name, o.name, o.kind FROM operations o JOIN services s ON s.id = o.service_id
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY s.name, o.name, o.kind
                """)
        ).map { row in
            let (service, name, kind) = try row.decode((ByteBuffer, ByteBuffer, Int32).self)
            return OperationName(service: String(buffer: service), name: String(buffer: name), kind: SpanKind(rawValue: kind))
        }
    }

    /// Service-to-service calls: a span whose parent belongs to another service is one call from the parent's
    /// service to the child's, counted over the newest `maxDependencyTraces` traces that started in the window.
    package func dependencies(from start: UInt64, to end: UInt64) async throws -> [DependencyLink] {
        let rows = try await rows(
            """
            WITH window_traces AS (
                SELECT trace_id FROM traces WHERE start_ns BETWEEN \(StoredNanos.column(start)) AND \(StoredNanos.column(end))
                ORDER BY start_ns DESC LIMIT \(Self.maxDependencyTraces))
            SELECT p.service_id, c.service_id, count(*), count(*) FILTER (WHERE c.is_error)
            FROM spans c JOIN spans p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
            WHERE c.trace_id IN (SELECT trace_id FROM window_traces) AND p.service_id <> c.service_id
            GROUP BY p.service_id, c.service_id
            """)
        let counts = try rows.map { try $0.decode((Int64, Int64, Int64, Int64).self) }
        let names = try await catalog.serviceNames(counts.flatMap { [$0.0, $0.1] }, store: self)
        return counts.map { parent, child, calls, errors in
            DependencyLink(parent: names[parent] ?? "", child: names[child] ?? "", callCount: Int(calls), errorCount: Int(errors))
        }.sorted { ($0.parent, $0.child) < ($1.parent, $1.child) }
    }

    static let maxDependencyTraces = 100_000
}

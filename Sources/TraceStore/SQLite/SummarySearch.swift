import TraceModel
import GRDB
import Foundation

/// Turns a `TraceQuery` into SQL over the `traces` table. Filters SQL cannot answer cheaply (tags, and the
/// operation and span-duration filters, which need the spans in the trace's chunks) are checked per candidate by
/// `SpanFilter` and `TagMatcher`, examining at most `maxExamined` candidates.
struct SummarySearch {
    static let maxExamined = 200_000

    let sql: String
    let arguments: StatementArguments
    /// The same filter over one range of trace sequence numbers (its two bounds are the last arguments),
    /// unordered: the tag index's candidate blocks are read this way (see `AttributeIndex`).
    let rangeSQL: String
    let sort: TraceQuery.Sort
    /// The conditions on a trace's spans, nil when the query has none.
    let spanFilter: SpanFilter?

    /// nil when the query cannot match anything (an unknown service or operation).
    init?(query: TraceQuery, catalog: inout ReadCatalog) throws {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        var serviceID: Int64?
        var spanFilter = SpanFilter()
        if let service = query.service {
            guard let id = try catalog.serviceID(service) else { return nil }
            serviceID = id
            conditions.append("instr(t.service_ids, ?) > 0")
            arguments += [ServiceIDList.needle(id)]
        }
        if let operation = query.operation {
            var sql = "SELECT id FROM operations WHERE name = CAST(? AS TEXT)"
            var operationArguments: StatementArguments = [StoredText.bytes(operation)]
            if let serviceID { sql += " AND service_id = ?"; operationArguments += [serviceID] }
            let ids = try Int64.fetchAll(catalog.db, sql: sql, arguments: operationArguments)
            guard !ids.isEmpty else { return nil }
            spanFilter.operationIDs = Set(ids)
        }
        switch query.durationScope {
        case .trace:
            if let min = query.minDurationNanos { conditions.append("t.duration_ns >= ?"); arguments += [StoredTime.column(min)] }
            if let max = query.maxDurationNanos { conditions.append("t.duration_ns <= ?"); arguments += [StoredTime.column(max)] }
        case .span:
            if query.minDurationNanos != nil || query.maxDurationNanos != nil {
                spanFilter.duration = SpanFilter.Duration(
                    min: query.minDurationNanos.map(StoredTime.column), max: query.maxDurationNanos.map(StoredTime.column),
                    serviceID: serviceID)
            }
        }
        // Sorted by duration over a window that holds much of the data, the window must not steer SQLite to
        // `traces_by_start` (every trace of the window read, then sorted: 311 ms for "slowest" over 25 h at 4.7M
        // spans): `+` keeps the column out of index use, so it walks `traces_by_duration_class` from the top and
        // stops at the limit (~1 ms). A narrow window is the other way round: the walk would pass by most traces.
        let walkDurations = try query.sort == .duration && Self.windowHoldsMuchOfTheData(query, db: catalog.db)
        let startColumn = walkDurations ? "+t.start_ns" : "t.start_ns"
        if let from = query.startFromNanos { conditions.append("\(startColumn) >= ?"); arguments += [StoredTime.column(from)] }
        if let to = query.startToNanos { conditions.append("\(startColumn) <= ?"); arguments += [StoredTime.column(to)] }
        if query.errorsOnly { conditions.append("t.error_count > 0") }
        if let correlation = query.correlationID {
            // Found through the block index first (see `CorrelationIndex`): a list of integers, safe to inline.
            let seqs = try CorrelationIndex.traceSeqs(carrying: correlation, db: catalog.db)
            guard !seqs.isEmpty else { return nil }
            conditions.append("t.seq IN (\(seqs.map(String.init).joined(separator: ",")))")
        }
        let order: String
        switch query.sort {
        case .recent: order = "t.start_ns DESC"
        // The class first, so the index on (duration_class, seq) gives the order and SQLite sorts within a class.
        case .duration: order = "t.duration_class DESC, t.duration_ns DESC"
        case .errors: order = "t.error_count DESC, t.start_ns DESC"
        case .spans: order = "t.span_count DESC, t.start_ns DESC"
        }
        self.sort = query.sort
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rangeFilter = " WHERE " + (conditions + ["t.seq BETWEEN ? AND ?"]).joined(separator: " AND ")
        self.spanFilter = spanFilter.isEmpty ? nil : spanFilter
        // Without filters checked per candidate SQL can apply the limit itself.
        let limit = query.tags.isEmpty && self.spanFilter == nil ? " LIMIT \(max(0, query.limit))" : ""
        let columns = """
            SELECT t.trace_id, t.start_ns, t.duration_ns, t.span_count, t.error_count, CAST(rs.name AS BLOB), CAST(ro.name AS BLOB), t.service_ids, t.seq
            """
        let names = " LEFT JOIN services rs ON rs.id = t.root_service_id LEFT JOIN operations ro ON ro.id = t.root_operation_id"
        let select = columns + " FROM traces t" + names
        if walkDurations && !limit.isEmpty {
            // Every SQL filter is on a column `traces_by_duration_class` carries (v10), so the walk reads that
            // index alone, however many traces a class holds, and only the `limit` traces found are read from
            // `traces`. Walking the table instead took a seek into `traces` per trace of each class passed by:
            // linear in the stored traces (22 ms at 100M spans).
            let slowest = "SELECT t.trace_id FROM traces t\(filter) ORDER BY \(order)\(limit)"
            sql = columns + " FROM (\(slowest)) slowest JOIN traces t ON t.trace_id = slowest.trace_id" + names + " ORDER BY \(order)"
        } else {
            sql = select + "\(filter) ORDER BY \(order)\(limit)"
        }
        rangeSQL = select + rangeFilter
        self.arguments = arguments
    }

    /// Whether the query's start-time window covers at least a sixteenth of the stored traces' time span (all of
    /// it when it has no bounds): then at most ~16 traces are passed by for each one found when walking in
    /// duration order, and at least a sixteenth of the traces would have to be sorted the other way.
    private static func windowHoldsMuchOfTheData(_ query: TraceQuery, db: Database) throws -> Bool {
        guard query.startFromNanos != nil || query.startToNanos != nil else { return true }
        // Two subqueries: each min or max reads one end of `traces_by_start`.
        guard let row = try Row.fetchOne(db, sql: "SELECT (SELECT min(start_ns) FROM traces), (SELECT max(start_ns) FROM traces)"),
            let oldest = row[0] as Int64?, let newest = row[1] as Int64?
        else { return true }
        let from = max(oldest, query.startFromNanos.map(StoredTime.column) ?? oldest)
        let to = min(newest, query.startToNanos.map(StoredTime.column) ?? newest)
        guard to >= from else { return false }
        return (Double(to) - Double(from)) * 16 >= Double(newest) - Double(oldest)
    }

    /// The order `sql` sorts by, for rows gathered by `rangeSQL`.
    func precedes(_ a: Row, _ b: Row) -> Bool {
        let (startA, startB): (Int64, Int64) = (a[1], b[1])
        switch sort {
        case .recent: return startA > startB
        case .duration: return (a[2] as Int64) > (b[2] as Int64)
        case .errors: return ((a[4] as Int64), startA) > ((b[4] as Int64), startB)
        case .spans: return ((a[3] as Int64), startA) > ((b[3] as Int64), startB)
        }
    }

    static func summary(_ row: Row, traceID: TraceID, db: Database, catalog: inout ReadCatalog) throws -> TraceSummary {
        let services = try ServiceIDList.decode(row[7]).map { try catalog.serviceName($0) }.sorted()
        let correlations = try CorrelationIndex.ids(ofTrace: row[8], db: db)
        return TraceSummary(
            traceID: traceID, rootService: (row[5] as Data?).map(StoredText.string) ?? "",
            rootOperation: (row[6] as Data?).map(StoredText.string) ?? "",
            startTimeUnixNano: StoredTime.value(row[1]), durationNanos: StoredTime.value(row[2]),
            spanCount: row[3], errorCount: row[4], services: services, correlationIDs: correlations)
    }
}

/// The filters on a trace's spans: some span has one of the operations, and some span (of the service, when the
/// query names one) lasts within the bounds. Checked on the chunks' columns of each candidate trace.
struct SpanFilter {
    struct Duration {
        var min: Int64?
        var max: Int64?
        var serviceID: Int64?

        /// As the span columns compared it: end − start over the stored (clamped) times.
        func matches(_ span: ChunkSpan) -> Bool {
            let duration = StoredTime.column(span.end) &- StoredTime.column(span.start)
            if let min, duration < min { return false }
            if let max, duration > max { return false }
            return serviceID.map { $0 == span.serviceID } ?? true
        }
    }

    var operationIDs: Set<Int64>?
    var duration: Duration?

    var isEmpty: Bool { operationIDs == nil && duration == nil }

    func matches(seq: Int64, catalog: inout ReadCatalog) throws -> Bool {
        let spans = try catalog.chunkSpans(seq: seq, bodies: false)
        if let operationIDs, !spans.contains(where: { operationIDs.contains($0.operationID) }) { return false }
        if let duration, !spans.contains(where: duration.matches) { return false }
        return true
    }
}

/// Jaeger-style tag filters: each `key=value` must hold on some span of the trace — in its attributes, its
/// resource's attributes, or the synthetic tags the query API shows (`error`, `span.kind`, `otel.status_code`).
package enum TagMatcher {
    static func traceMatches(_ traceID: TraceID, tags: [String: String], db: Database, catalog: inout ReadCatalog) throws -> Bool {
        guard let seq = try SpanRowReader.traceSeq(traceID, db: db) else { return false }
        let records = try SpanRowReader.spans(seq: seq, traceID: traceID, correlationIDs: [], db: db, catalog: &catalog)
        return records.contains { record in tags.allSatisfy { spanHas(record, key: $0.key, value: $0.value) } }
    }

    package static func spanHas(_ record: SpanRecord, key: String, value: String) -> Bool {
        switch key {
        case SyntheticTags.error: return String(record.isError) == value
        case SyntheticTags.spanKind: return record.span.kind.shortName == value
        case SyntheticTags.statusCode:
            let code = record.span.status.code
            return (code == .error && value == SyntheticTags.statusError) || (code == .ok && value == SyntheticTags.statusOK)
        default:
            break
        }
        for attribute in record.span.attributes where attribute.key == key {
            if matches(attribute.value, value) { return true }
        }
        for attribute in record.resource.attributes where attribute.key == key {
            if matches(attribute.value, value) { return true }
        }
        return false
    }

    private static func matches(_ attribute: AnyValue, _ value: String) -> Bool {
        if case .array(let elements) = attribute { return elements.contains { $0.displayString == value } }
        return attribute.displayString == value
    }
}

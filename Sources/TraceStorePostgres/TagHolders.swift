import NIOCore
import PostgresNIO
import TraceModel

/// An indexed (key, value) pair of a tag search: its hash (`AttributeIndexPolicy.pairHash`) and the `since_ns` of
/// its key (`PostgresTagIndex`): traces that started before it may hold the pair without a row listing them.
struct IndexedPair: Sendable {
    var hash: Int64
    var since: Int64
}

/// The traces the tag-index rows of a search's common pairs list, read as a newest-first search walks down.
///
/// A pair held by too many traces to list them all (`PostgresTagIndex.maxCandidates`) used to leave the search to
/// read the spans of every candidate: at 10M spans, a value in one trace in eight had a search read the spans of
/// about 700 traces to find 20, most of its 50 ms. Yet every row listing a trace starts at or after the trace's
/// start (`TagIndexRows`), so once the rows of a pair that start at or after a candidate's start are read, a
/// candidate they do not list (and that started after its key's `since_ns`) does not hold the pair: it is skipped
/// without reading its spans. The others are still checked on their spans (a hash can collide; two tags can be
/// on two spans).
///
/// Rows are read a page at a time, from the last page's start down to this page's, so each row is read once. A
/// commit landing meanwhile may add a row above what was read: its trace is then missed by this search, as if the
/// search had run before that commit. Past `maxTraces` listed traces the holders stop ruling anything out (memory
/// stays bounded) and the search checks every candidate's spans, as without the index.
struct TagHolders: Sendable {
    let pairs: [IndexedPair]
    private var traces: [Int64: Set<TraceID>] = [:]
    private var listed = 0
    /// The rows starting at or after this were read; nil before the first page.
    private var readFrom: Int64?
    private var overflowed = false

    static let maxTraces = 100_000

    init(pairs: [IndexedPair]) { self.pairs = pairs }

    /// Reads the rows that start at or after `start` and were not read yet.
    mutating func read(downTo start: Int64, store: PostgresTraceStore) async throws {
        guard !overflowed, readFrom.map({ start < $0 }) ?? true else { return }
        var sql = BoundSQL()
        var condition = "pair_hash = ANY(\(try sql.bind(pairs.map(\.hash)))::bigint[]) AND start_ns >= \(try sql.bind(start))"
        if let readFrom { condition += " AND start_ns < \(try sql.bind(readFrom))" }
        for row in try await store.rows(sql.query("SELECT pair_hash, trace_ids FROM trace_tag_sets WHERE \(condition)")) {
            var (hash, list) = try row.decode((Int64, ByteBuffer).self)
            while let id = list.readSlice(length: TagIndexRows.idBytes), let trace = TraceReadRow.traceID(id) {
                traces[hash, default: []].insert(trace)
                listed += 1
            }
            if listed > Self.maxTraces {
                overflowed = true
                traces = [:]
                return
            }
        }
        readFrom = start
    }

    /// Whether a candidate cannot hold every common pair: a pair whose rows (read down to its start) do not list
    /// it, though its key was indexed when it started.
    func rulesOut(_ candidate: SummaryRow) -> Bool {
        guard !overflowed, let readFrom, candidate.start >= readFrom, let trace = TraceReadRow.traceID(candidate.traceID) else {
            return false
        }
        return pairs.contains { pair in candidate.start >= pair.since && !(traces[pair.hash]?.contains(trace) ?? false) }
    }
}

import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization
import TraceModel
import TraceStore

/// The tag index (schema v2): for the indexed attribute keys (`--indexed-attributes`, the same keys and the same
/// 64-bit pair hash as the SQLite store's `AttributeIndex`), one row per (pair, trace) and commit, so a tag search
/// reads the traces that hold the pair instead of every candidate's spans. A value that occurs nowhere answers at
/// once.
///
/// - `trace_tags` is keyed by (pair hash, start, trace id), where start is the earliest start among the trace's
///   spans in that commit: a commit's rows land at the newest end of each pair's range (a few hot pages, as the
///   SQLite index keys by superblock first), not at a random page per trace; and a search's window bounds the
///   rows it reads (a row's start is at or after its trace's start).
/// - A hash collision or pairs found on different spans only add candidates: the search still checks each
///   candidate's spans for one span holding every asked-for tag (`TagMatcher`), so nothing wrong is returned.
/// - `indexed_attribute_keys` holds the keys the database's collectors index, each with `since_ns`: traces that
///   started before it may have been stored by a collector that did not index the key yet, so they all stay
///   candidates (adding a key never hides data). A collector indexes its own keys and every key in that table,
///   which it reads again every minute, so a key one collector adds is written by all within a minute; its
///   `since_ns` is two minutes ahead of the clock (`everything` for an empty database: nothing stored before). Keys are
///   never removed by a collector (another may still index them).
final class PostgresTagIndex: Sendable {
    /// `--indexed-attributes` of this collector.
    let configured: Set<String>
    private struct State {
        /// Keys this collector writes rows for: its own and the database's.
        var written: Set<String>
        /// Keys a search may trust, with their `since_ns`.
        var trusted: [String: Int64] = [:]
        var refresh: Task<Void, Never>?
    }
    private let state: Mutex<State>

    /// How often the database's keys are read again, and how far ahead of the clock a new key's `since_ns` is.
    static let refreshInterval: Duration = .seconds(60)
    static let sinceMargin: Int64 = 120_000_000_000
    /// The `since_ns` of a key indexed from the database's first trace on.
    static let everything = Int64.min
    /// A pair held by this many rows (in the window) or more is common: checking the newest traces in order, as
    /// without the index, finds its matches sooner than looking up every trace that holds it.
    static let maxCandidates: Int64 = 20_000
    /// A pair found in this many commits' rows (in the window) is common too: a bound on what one search reads.
    static let maxRows: Int64 = 5_000

    static let migration: [String] = [
        """
        CREATE TABLE trace_tags (
            pair_hash bigint NOT NULL,
            start_ns bigint NOT NULL,
            trace_id bytea NOT NULL,
            PRIMARY KEY (pair_hash, start_ns, trace_id)
        )
        """,
        // For retention (rows are appended about in start order, so a BRIN index is tiny and cheap to keep).
        "CREATE INDEX trace_tags_by_start ON trace_tags USING brin (start_ns)",
        "CREATE TABLE indexed_attribute_keys (key bytea PRIMARY KEY, since_ns bigint NOT NULL)"
    ]

    /// Schema v4: a row per (pair, commit) instead of per (pair, trace) (see `TagIndexRows`); v2's rows are
    /// carried over as one-trace lists.
    static let setsMigration: [String] = [
        "CREATE TABLE trace_tag_sets (pair_hash bigint NOT NULL, start_ns bigint NOT NULL, trace_ids bytea NOT NULL)",
        "CREATE INDEX trace_tag_sets_by_pair ON trace_tag_sets (pair_hash, start_ns)",
        "CREATE INDEX trace_tag_sets_by_start ON trace_tag_sets USING brin (start_ns)",
        "INSERT INTO trace_tag_sets (pair_hash, start_ns, trace_ids) SELECT pair_hash, start_ns, trace_id FROM trace_tags",
        "DROP TABLE trace_tags"
    ]

    init(keys: [String]) {
        configured = Set(keys)
        state = Mutex(State(written: Set(keys)))
    }

    func close() { state.withLock { $0.refresh?.cancel() } }

    var writtenKeys: Set<String> { state.withLock { $0.written } }

    /// Registers this collector's keys (run when the store opens, in the migration's transaction) and reads the
    /// database's.
    func synchronize(_ connection: PostgresConnection, logger: Logger) async throws {
        if !configured.isEmpty {
            var empty = true
            for try await _ in try await connection.query("SELECT 1 FROM traces LIMIT 1", logger: logger) { empty = false }
            let now = Int64(clamping: UnixTime.nowNanoseconds())
            let since = empty ? Self.everything : now + Self.sinceMargin
            let keys = configured.sorted().map { ByteBuffer(string: $0) }
            try await connection.query(
                """
                INSERT INTO indexed_attribute_keys (key, since_ns) SELECT k, \(since) FROM unnest(\(keys)::bytea[]) k
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        var rows: [PostgresRow] = []
        for try await row in try await connection.query(Self.keysQuery, logger: logger) { rows.append(row) }
        try apply(rows)
    }

    /// Reads the database's keys again every `refreshInterval`, for as long as the store runs.
    func startRefreshing(_ store: PostgresTraceStore) {
        state.withLock { state in
            guard state.refresh == nil else { return }
            state.refresh = Task { [weak store, weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.refreshInterval)
                    guard let store, let self, !Task.isCancelled else { return }
                    if let rows = try? await store.rows(Self.keysQuery) { try? self.apply(rows) }
                }
            }
        }
    }

    private static var keysQuery: PostgresQuery { "SELECT key, since_ns FROM indexed_attribute_keys" }

    private func apply(_ rows: [PostgresRow]) throws {
        var trusted: [String: Int64] = [:]
        for row in rows {
            let (key, since) = try row.decode((ByteBuffer, Int64).self)
            trusted[String(buffer: key)] = since
        }
        state.withLock { state in
            state.trusted = trusted
            state.written = configured.union(trusted.keys)
        }
    }

    /// What the indexed tags of a query tell a tag search.
    struct Narrowing {
        /// No trace can match.
        var nothing = false
        /// A condition on `traces t`, from the tags rare enough to list their traces.
        var condition: String?
        /// The indexed tags too common to list their traces: a newest-first search checks its candidates against
        /// their rows as it goes (`TagHolders`).
        var common: [IndexedPair] = []
    }

    func narrowing(for query: TraceQuery, sql: inout BoundSQL, store: PostgresTraceStore) async throws -> Narrowing {
        try await store.open()  // which reads the database's keys
        let trusted = state.withLock { $0.trusted }
        let tags = query.tags.compactMap { key, value in
            trusted[key].map { IndexedPair(hash: AttributeIndexPolicy.pairHash(key: key, value: value), since: $0) }
        }.sorted { $0.hash < $1.hash }
        guard !tags.isEmpty else { return Narrowing() }
        // The traces holding each pair in the window (one round trip for all tags), read up to `maxCandidates`
        // traces or `maxRows` rows (commits) per pair: past either the pair is common. Looked up by their ids (a
        // primary-key probe each) rather than by a semi-join, which PostgreSQL plans as a scan of every summary.
        // The rows are counted first (from the index alone) and a pair found common by its rows has no lists read:
        // reading 5,000 rows' lists (a few hundred KB) and collecting their traces only to find the pair common took
        // 12 ms of PostgreSQL's time and more of the collector's, at 10M spans, for a value in one trace in eight.
        let from = query.startFromNanos.map { StoredNanos.column($0) } ?? Int64.min
        var holders: [Int64: Set<ByteBuffer>] = [:]
        var common: Set<Int64> = []
        for row in try await store.rows(
            """
            SELECT h, CASE WHEN c.n < \(Self.maxRows) THEN (
                       SELECT array_agg(trace_ids) FROM (
                           SELECT trace_ids, sum(octet_length(trace_ids)) OVER (ORDER BY start_ns ROWS UNBOUNDED PRECEDING) AS read
                           FROM (SELECT trace_ids, start_ns FROM trace_tag_sets WHERE pair_hash = h AND start_ns >= \(from)
                                 ORDER BY start_ns LIMIT \(Self.maxRows)) r) x
                       WHERE read - octet_length(trace_ids) < \(Self.maxCandidates * Int64(TagIndexRows.idBytes))) END,
                   c.n
            FROM unnest(\(tags.map(\.hash))::bigint[]) h,
                 LATERAL (SELECT count(*) AS n FROM (SELECT 1 FROM trace_tag_sets WHERE pair_hash = h AND start_ns >= \(from) LIMIT \(Self.maxRows)) x) c
            """)
        {
            let (hash, lists, rows) = try row.decode((Int64, [ByteBuffer]?, Int64).self)
            let traces = Set((lists ?? []).flatMap(TagIndexRows.traceIDs(in:)))
            if traces.count >= Self.maxCandidates || rows >= Self.maxRows { common.insert(hash) } else { holders[hash] = traces }
        }
        var conditions: [String] = []
        // Tags indexed from the first trace on: only their holders can match.
        var everywhere: Set<ByteBuffer>?
        for tag in tags where !common.contains(tag.hash) {
            let traces = holders[tag.hash] ?? []
            if tag.since == Self.everything {
                everywhere = everywhere.map { $0.intersection(traces) } ?? traces
            } else {
                let ids = try sql.bind(Array(traces))
                conditions.append("(t.start_ns < \(try sql.bind(tag.since)) OR t.trace_id = ANY(\(ids)::bytea[]))")
            }
        }
        if let everywhere {
            if everywhere.isEmpty { return Narrowing(nothing: true) }
            conditions.append("t.trace_id = ANY(\(try sql.bind(Array(everywhere)))::bytea[])")
        }
        return Narrowing(
            condition: conditions.isEmpty ? nil : conditions.joined(separator: " AND "),
            common: tags.filter { common.contains($0.hash) })
    }
}

/// A commit's tag-index rows (schema v4, `trace_tag_sets`): one per indexed pair the commit's spans hold, listing
/// the commit's traces that hold it (16-byte ids, concatenated in order). A row's start is the latest among those
/// traces' earliest starts in the commit, so a search's window (`start_ns >= from`) still finds every trace that
/// started in it, and retention's cutoff deletes a row only when every trace it lists started before the cutoff.
///
/// Schema v2 wrote a row per (pair, trace): about 30 rows per trace for the default keys, each an `ON CONFLICT`
/// insert (a lock-table entry and an index probe per row), which was half of PostgreSQL's work per commit. A row
/// per (pair, commit) is a plain insert, a few per commit for the common pairs; a trace listed twice (re-sent, or
/// its spans in several commits) is found once.
struct TagIndexRows: Sendable {
    private var hashes: [Int64] = []
    private var starts: [Int64] = []
    private var traceLists: [ByteBuffer] = []

    init(_ batches: [WriteBatch], keys: Set<String>) {
        guard !keys.isEmpty else { return }
        var pairs = AttributeIndexPairs(keys: AttributeKeySet(keys))
        var byTrace: [TraceID: (start: Int64, pairs: Set<Int64>)] = [:]
        for batch in batches {
            for record in batch.spans {
                let trace = record.span.traceID
                let start = StoredNanos.column(record.span.startTimeUnixNano)
                let found = pairs.pairs(of: record, isError: record.isError)
                if var entry = byTrace[trace] {
                    entry.start = min(entry.start, start)
                    entry.pairs.formUnion(found)
                    byTrace[trace] = entry
                } else {
                    byTrace[trace] = (start, Set(found))
                }
            }
        }
        var byPair: [Int64: (start: Int64, traces: [TraceID])] = [:]
        for (trace, entry) in byTrace {
            for pair in entry.pairs {
                byPair[pair, default: (Int64.min, [])].start = max(byPair[pair]?.start ?? Int64.min, entry.start)
                byPair[pair]!.traces.append(trace)
            }
        }
        for (pair, entry) in byPair.sorted(by: { $0.key < $1.key }) {
            hashes.append(pair)
            starts.append(entry.start)
            var list = ByteBuffer()
            list.reserveCapacity(entry.traces.count * Self.idBytes)
            // Integer order is the bytes' order: ids are big-endian.
            for trace in entry.traces.sorted() { trace.write(into: &list) }
            traceLists.append(list)
        }
    }

    /// Bytes of one trace id in a row's list.
    static let idBytes = 16

    /// The trace ids of a row's list.
    static func traceIDs(in list: ByteBuffer) -> [ByteBuffer] {
        var list = list
        var ids: [ByteBuffer] = []
        while let id = list.readSlice(length: idBytes) { ids.append(id) }
        return ids
    }

    /// The rows as three arrays: pair hashes, starts, trace lists (`SpanCommitStatement` inserts them).
    func bind(into bindings: inout PostgresBindings) {
        bindings.append(hashes)
        bindings.append(starts)
        bindings.append(traceLists)
    }
}

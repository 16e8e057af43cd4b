import Foundation
import PostgresNIO
import Testing
import TraceModel
import TraceStore
@testable import TraceStorePostgres

/// The PostgreSQL tag index (`PostgresTagIndex`) and hourly latency roll-up: searches read the index, still check
/// the spans, keep working for keys not indexed, after a restart and after retention.
@Suite(.enabled(if: TestPostgres.isWanted, "needs a PostgreSQL test server: TRACETOP_TEST_POSTGRES (scripts/test starts one)"))
struct PostgresTagIndexTests {
    private static let status = "http.response.status_code", method = "http.request.method"

    /// Trace 1: one span with status 500 and GET. Trace 2: 500 and GET on two different spans. Trace 3: 200.
    private static let spans: [SpanRecord] = [
        Make.record(Make.span(trace: 1, id: 1, attributes: [KeyValue(status, .int(500)), KeyValue(method, .string("GET"))])),
        Make.record(Make.span(trace: 2, id: 1, startMs: 10, attributes: [KeyValue(status, .int(500))])),
        Make.record(Make.span(trace: 2, id: 2, parent: 1, startMs: 11, attributes: [KeyValue(method, .string("GET"))])),
        Make.record(Make.span(trace: 3, id: 1, startMs: 20, attributes: [KeyValue(status, .int(200)), KeyValue("order.id", .string("42"))]))
    ]

    private static func found(_ store: PostgresTraceStore, _ tags: [String: String]) async throws -> Set<TraceID> {
        Set(try await store.traceSummaries(TraceQuery(tags: tags, limit: 100)).map(\.traceID))
    }

    private static func execute(_ store: PostgresTraceStore, _ sql: String) async throws -> [Int64] {
        try await store.rows(PostgresQuery(unsafeSQL: sql)).compactMap { try $0.decode(Int64?.self) }
    }

    private static func hash(_ key: String, _ value: String) -> Int64 { AttributeIndexPolicy.pairHash(key: key, value: value) }

    /// The search narrows by the index, then checks spans: a hash collision (a row pointing at a trace without the
    /// pair) and two tags held by different spans of one trace are not matches. With the index's rows of a pair
    /// gone, nothing is found: the search read the index, not every trace.
    @Test func searchReadsTheIndexAndChecksTheSpans() async throws {
        let (any, cleanup) = try Backends.make("postgres")
        defer { cleanup() }
        let store = try #require(any as? PostgresTraceStore)
        try await store.write(WriteBatch(spans: Self.spans))
        #expect(try await Self.found(store, [Self.status: "500"]) == [Make.traceID(1), Make.traceID(2)])
        #expect(try await Self.found(store, [Self.status: "500", Self.method: "GET"]) == [Make.traceID(1)])
        #expect(try await Self.found(store, [Self.status: "404"]).isEmpty)
        // A colliding row: the index names trace 3 for status 404, which it does not hold.
        let trace3 = "'\\x" + Make.traceID(3).hex + "'::bytea"
        _ = try await Self.execute(store, "INSERT INTO trace_tag_sets VALUES (\(Self.hash(Self.status, "404")), 0, \(trace3))")
        #expect(try await Self.found(store, [Self.status: "404"]).isEmpty)
        #expect(try await Self.found(store, [Self.status: "200"]) == [Make.traceID(3)])

        _ = try await Self.execute(store, "DELETE FROM trace_tag_sets WHERE pair_hash = \(Self.hash(Self.status, "500"))")
        #expect(try await Self.found(store, [Self.status: "500"]).isEmpty)
    }

    /// A pair too common to list its traces (`maxCandidates` of them): a newest-first search checks each candidate
    /// against the pair's rows (`TagHolders`) and reads spans only for the traces they list. A trace whose row is
    /// gone is skipped (its spans were not read) unless it started before its key was indexed; a row naming a trace
    /// without the pair does not make it a match.
    @Test func commonPairsAreCheckedAgainstTheirRows() async throws {
        let server = try TestPostgres.server()
        let location = try PostgresDatabases.createFresh(on: server)
        defer { try? PostgresDatabases.drop(location, connectingTo: server) }
        let store = try PostgresTraceStore(location: location, maxConnections: 2)
        defer { store.close() }
        let busy = KeyValue(Self.status, .int(503))
        let count = UInt64(PostgresTagIndex.maxCandidates)
        try await store.write(
            WriteBatch(spans: (1...count).map { Make.record(Make.span(trace: $0, id: 1, startMs: $0, attributes: [busy])) }))
        // Newer traces, a commit each: a holds the pair, b does not, c holds it and loses its row.
        let a = count + 3, b = count + 2, c = count + 1
        for (trace, value) in [(c, 503), (b, 200), (a, 503)] {
            let span = Make.span(trace: trace, id: 1, startMs: trace, attributes: [KeyValue(Self.status, .int(Int64(value)))])
            try await store.write(WriteBatch(spans: [Make.record(span)]))
        }
        func literal(_ trace: UInt64) -> String { "'\\x" + Make.traceID(trace).hex + "'::bytea" }
        let hash = Self.hash(Self.status, "503")
        _ = try await Self.execute(store, "DELETE FROM trace_tag_sets WHERE pair_hash = \(hash) AND trace_ids = \(literal(c))")
        _ = try await Self.execute(
            store, "INSERT INTO trace_tag_sets SELECT \(hash), start_ns, trace_id FROM traces WHERE trace_id = \(literal(b))")
        func newest(_ store: PostgresTraceStore) async throws -> [TraceID] {
            try await store.traceSummaries(TraceQuery(tags: [Self.status: "503"], limit: 3)).map(\.traceID)
        }
        #expect(try await newest(store) == [a, count, count - 1].map(Make.traceID))

        // The key indexed only since just after c started: c stays a candidate, found on its spans.
        _ = try await Self.execute(
            store,
            """
            UPDATE indexed_attribute_keys SET since_ns = (SELECT start_ns + 1 FROM traces WHERE trace_id = \(literal(c)))
            WHERE key = '\(Self.status)'::bytea
            """)
        let reopened = try PostgresTraceStore(location: location, maxConnections: 2)
        defer { reopened.close() }
        #expect(try await newest(reopened) == [a, c, count].map(Make.traceID))
    }

    /// Another store on the same database (a restarted or second collector) finds the index and its keys.
    @Test func theIndexIsFoundAfterARestart() async throws {
        let server = try TestPostgres.server()
        let location = try PostgresDatabases.createFresh(on: server)
        defer { try? PostgresDatabases.drop(location, connectingTo: server) }
        let first = try PostgresTraceStore(location: location, maxConnections: 2)
        try await first.write(WriteBatch(spans: Self.spans))
        first.close()
        let second = try PostgresTraceStore(location: location, maxConnections: 2)
        defer { second.close() }
        #expect(try await Self.found(second, [Self.status: "500"]) == [Make.traceID(1), Make.traceID(2)])
        _ = try await Self.execute(second, "DELETE FROM trace_tag_sets WHERE pair_hash = \(Self.hash(Self.status, "500"))")
        #expect(try await Self.found(second, [Self.status: "500"]).isEmpty)
    }

    /// A key no collector indexes is searched by reading spans; a key added when traces are already stored (a
    /// collector started with a longer `--indexed-attributes`) leaves those traces candidates.
    @Test func keysNotIndexedStillFindEveryTrace() async throws {
        let server = try TestPostgres.server()
        let location = try PostgresDatabases.createFresh(on: server)
        defer { try? PostgresDatabases.drop(location, connectingTo: server) }
        let first = try PostgresTraceStore(location: location, maxConnections: 2, indexedAttributes: [Self.method])
        defer { first.close() }
        try await first.write(WriteBatch(spans: Self.spans))
        #expect(
            try await Self.execute(first, "SELECT count(*) FROM trace_tag_sets WHERE pair_hash = \(Self.hash("order.id", "42"))") == [0])
        #expect(try await Self.found(first, ["order.id": "42"]) == [Make.traceID(3)])
        #expect(try await Self.found(first, [Self.status: "500"]) == [Make.traceID(1), Make.traceID(2)])

        let second = try PostgresTraceStore(location: location, maxConnections: 2, indexedAttributes: [Self.method, Self.status])
        defer { second.close() }
        #expect(try await Self.found(second, [Self.status: "500"]) == [Make.traceID(1), Make.traceID(2)])
        let later = Make.record(Make.span(trace: 4, id: 1, startMs: 30, attributes: [KeyValue(Self.status, .int(500))]))
        try await second.write(WriteBatch(spans: [later]))
        #expect(try await Self.found(second, [Self.status: "500"]) == [Make.traceID(1), Make.traceID(2), Make.traceID(4)])
        #expect(
            try await Self.execute(second, "SELECT count(*) FROM trace_tag_sets WHERE pair_hash = \(Self.hash(Self.status, "500"))") == [1])
    }

    /// Retention deletes the index's rows of the traces it deletes.
    @Test func retentionDeletesTheIndexRowsOfDeletedTraces() async throws {
        let (any, cleanup) = try Backends.make("postgres")
        defer { cleanup() }
        let store = try #require(any as? PostgresTraceStore)
        try await store.write(WriteBatch(spans: Self.spans))
        let now = UInt64(Date().timeIntervalSince1970 * 1e9)
        var recent = Make.span(trace: 9, id: 1, attributes: [KeyValue(Self.status, .int(500))])
        recent.startTimeUnixNano = now
        recent.endTimeUnixNano = now + 1_000_000
        try await store.write(WriteBatch(spans: [Make.record(recent)]))
        let rowsBefore = try await Self.execute(store, "SELECT count(*) FROM trace_tag_sets").first ?? 0
        #expect(rowsBefore >= 4)
        _ = try await store.deleteOldest(before: now - 3_600_000_000_000, within: DeletionLimits(rows: 1000))
        let left = try await Self.execute(
            store,
            """
            SELECT count(DISTINCT substring(trace_ids FROM 16 * i + 1 FOR 16))
            FROM trace_tag_sets, generate_series(0, octet_length(trace_ids) / 16 - 1) i
            """)
        #expect(left == [1])
        #expect(try await Self.found(store, [Self.status: "500"]) == [Make.traceID(9)])
    }

    /// A window of whole hours and ragged ends (read from the hourly roll-up and the minutes) answers as SQLite,
    /// with and without a series.
    @Test func latencyOverHoursAnswersAsSQLite() async throws {
        let (postgres, cleanupPostgres) = try Backends.make("postgres")
        defer { cleanupPostgres() }
        let (sqlite, cleanupSQLite) = try Backends.make("sqlite")
        defer { cleanupSQLite() }
        for store in [postgres, sqlite] { try await store.write(WriteBatch(spans: Self.latencySpans(0))) }
        let queries = Self.latencyQueries
        for query in queries {
            let expected = try await sqlite.latency(query)
            #expect(!expected.isEmpty)
            #expect(try await postgres.latency(query) == expected)
        }
        // The hours are read from the roll-up: without it, a day's query misses what the minutes hold (once folded:
        // until then the counts are pending).
        let store = try #require(postgres as? PostgresTraceStore)
        try await Self.fold(store)
        _ = try await Self.execute(store, "DELETE FROM latency_hour_histograms")
        #expect(try await postgres.latency(queries[0]) != (try await sqlite.latency(queries[0])))
    }

    /// The fold moves the pending latency rows into count and histogram rows (`LatencyFold`): answers are the same before it,
    /// after it, and with spans written after it (then both tables hold counts of the same minutes and hours).
    @Test func latencyFoldedIntoHistogramsAnswersAsSQLite() async throws {
        let (postgres, cleanupPostgres) = try Backends.make("postgres")
        defer { cleanupPostgres() }
        let (sqlite, cleanupSQLite) = try Backends.make("sqlite")
        defer { cleanupSQLite() }
        let store = try #require(postgres as? PostgresTraceStore)
        let queries = Self.latencyQueries
        for round in 0..<2 {
            for backend in [postgres, sqlite] { try await backend.write(WriteBatch(spans: Self.latencySpans(UInt64(round) * 43))) }
            for query in queries { #expect(try await postgres.latency(query) == (try await sqlite.latency(query))) }
            try await Self.fold(store)
            #expect(try await Self.execute(store, "SELECT count(*) FROM latency_pending") == [0])
            #expect(try await Self.execute(store, "SELECT count(*) FROM latency_hour_histograms") != [0])
            for query in queries { #expect(try await postgres.latency(query) == (try await sqlite.latency(query))) }
        }
        // The histograms are read: without them, the answer misses what they hold.
        _ = try await Self.execute(store, "DELETE FROM latency_hour_histograms")
        #expect(try await postgres.latency(queries[0]) != (try await sqlite.latency(queries[0])))
    }

    /// Schema v6 replaced the bucket tables commits merged into with pending rows: the migration moves the bucket
    /// rows a v5 database had not folded yet into the histograms, and answers stay the same. The v5 database is
    /// today's with its histograms turned back into bucket rows and v6 and v7 undone, not one written by v5's code.
    @Test func bucketRowsOfSchemaVersionFiveMoveIntoTheHistograms() async throws {
        let server = try TestPostgres.server()
        let location = try PostgresDatabases.createFresh(on: server)
        defer { try? PostgresDatabases.drop(location, connectingTo: server) }
        let (sqlite, cleanupSQLite) = try Backends.make("sqlite")
        defer { cleanupSQLite() }
        let first = try PostgresTraceStore(location: location, maxConnections: 2)
        for backend in [first, sqlite] as [any TraceStore] { try await backend.write(WriteBatch(spans: Self.latencySpans(0))) }
        try await Self.fold(first)
        try await Self.turnBackToVersionSix(first)
        for (buckets, unit, histograms) in [
            ("latency_buckets", "minute", "latency_minute_histograms"), ("latency_hour_buckets", "hour", "latency_hour_histograms")
        ] {
            _ = try await Self.execute(
                first,
                """
                CREATE TABLE \(buckets) (\(unit) bigint NOT NULL, operation_id bigint NOT NULL, bucket bigint NOT NULL,
                                        count bigint NOT NULL, PRIMARY KEY (\(unit), operation_id, bucket))
                """)
            _ = try await Self.execute(
                first, "INSERT INTO \(buckets) SELECT \(unit), operation_id, b, c FROM \(histograms), unnest(buckets, counts) u(b, c)")
            _ = try await Self.execute(first, "DELETE FROM \(histograms)")
        }
        _ = try await Self.execute(first, "DROP TABLE latency_pending")
        _ = try await Self.execute(first, "DELETE FROM tracetop_migrations WHERE version = 6")
        first.close()

        // No background fold: the pending rows written below must still be pending when they are deleted.
        let second = try PostgresTraceStore(location: location, maxConnections: 2, foldsInBackground: false)
        defer { second.close() }
        for query in Self.latencyQueries { #expect(try await second.latency(query) == (try await sqlite.latency(query))) }
        #expect(try await Self.execute(second, "SELECT count(*) FROM latency_minute_histograms") != [0])
        #expect(
            try await Self.execute(
                second, "SELECT count(*) FROM pg_tables WHERE tablename IN ('latency_buckets', 'latency_hour_buckets')") == [0])
        // Pending rows are read before any fold: without them, the answer misses what they hold.
        try await second.write(WriteBatch(spans: Self.latencySpans(43)))
        try await sqlite.write(WriteBatch(spans: Self.latencySpans(43)))
        #expect(try await second.latency(Self.latencyQueries[0]) == (try await sqlite.latency(Self.latencyQueries[0])))
        _ = try await Self.execute(second, "DELETE FROM latency_pending")
        #expect(try await second.latency(Self.latencyQueries[0]) != (try await sqlite.latency(Self.latencyQueries[0])))
    }

    /// Schema v7 turned each histogram row's two arrays into `LatencyCounts`' encoding: the migration converts the
    /// rows of a v6 database, answers stay the same, and the fold merges into converted rows. The v6 database is
    /// today's with its histograms turned back into arrays and v7 undone.
    @Test func arrayHistogramsOfSchemaVersionSixAreEncoded() async throws {
        let server = try TestPostgres.server()
        let location = try PostgresDatabases.createFresh(on: server)
        defer { try? PostgresDatabases.drop(location, connectingTo: server) }
        let (sqlite, cleanupSQLite) = try Backends.make("sqlite")
        defer { cleanupSQLite() }
        let first = try PostgresTraceStore(location: location, maxConnections: 2)
        for backend in [first, sqlite] as [any TraceStore] { try await backend.write(WriteBatch(spans: Self.latencySpans(0))) }
        try await Self.fold(first)
        try await Self.turnBackToVersionSix(first)
        #expect(try await Self.execute(first, "SELECT count(*) FROM latency_hour_histograms WHERE cardinality(buckets) > 0") != [0])
        first.close()

        let second = try PostgresTraceStore(location: location, maxConnections: 2)
        defer { second.close() }
        for query in Self.latencyQueries { #expect(try await second.latency(query) == (try await sqlite.latency(query))) }
        #expect(
            try await Self.execute(
                second,
                """
                SELECT count(*) FROM information_schema.columns
                WHERE table_name IN ('latency_minute_histograms', 'latency_hour_histograms') AND column_name IN ('buckets', 'counts')
                """) == [0])
        #expect(try await Self.execute(second, "SELECT count(*) FROM latency_minute_histograms WHERE octet_length(histogram) > 1") != [0])
        // Spans written after, folded into the converted rows.
        for backend in [second, sqlite] as [any TraceStore] { try await backend.write(WriteBatch(spans: Self.latencySpans(43))) }
        try await Self.fold(second)
        for query in Self.latencyQueries { #expect(try await second.latency(query) == (try await sqlite.latency(query))) }
        // The converted histograms are read: without them, the answer misses what they hold.
        _ = try await Self.execute(second, "DELETE FROM latency_minute_histograms")
        #expect(try await second.latency(Self.latencyQueries[2]) != (try await sqlite.latency(Self.latencyQueries[2])))
    }

    /// Schema v8 moved the counts by minute and by hour into the histogram rows, and made a commit's pending rows
    /// one per (minute, operation) with its buckets in a list: the migration moves a v7 database's count rows and
    /// converts its pending rows, answers stay the same, and the fold adds to the moved counts. The v7 database is
    /// today's with both changes undone; its pending rows hold several buckets per minute and errors.
    @Test func countAndPendingRowsOfSchemaVersionSevenAreMoved() async throws {
        let server = try TestPostgres.server()
        let location = try PostgresDatabases.createFresh(on: server)
        defer { try? PostgresDatabases.drop(location, connectingTo: server) }
        let (sqlite, cleanupSQLite) = try Backends.make("sqlite")
        defer { cleanupSQLite() }
        // Spans of five minutes, of several durations in each and some errors: pending rows of several buckets.
        let crowded = (0..<60 as Range<UInt64>).map { n in
            Make.record(
                Make.span(
                    trace: 900 + n, id: 1, name: n % 2 == 0 ? "a" : "b", startMs: (n % 5) * 60_000 + n, durationMs: 1 + n * n * 7,
                    status: n % 4 == 0 ? .error : .unset))
        }
        // No background fold: what is written after the first fold stays pending through the migration.
        let first = try PostgresTraceStore(location: location, maxConnections: 2, foldsInBackground: false)
        for backend in [first, sqlite] as [any TraceStore] { try await backend.write(WriteBatch(spans: Self.latencySpans(0))) }
        try await Self.fold(first)
        for backend in [first, sqlite] as [any TraceStore] { try await backend.write(WriteBatch(spans: crowded)) }
        try await Self.turnBackToVersionSeven(first)
        #expect(try await Self.execute(first, "SELECT count(*) FROM latency_hours WHERE count > 0") != [0])
        #expect(
            try await Self.execute(first, "SELECT (count(*) > count(DISTINCT (minute, operation_id)))::int::bigint FROM latency_pending")
                == [1])
        first.close()

        let second = try PostgresTraceStore(location: location, maxConnections: 2, foldsInBackground: false)
        defer { second.close() }
        for query in Self.latencyQueries { #expect(try await second.latency(query) == (try await sqlite.latency(query))) }
        #expect(
            try await Self.execute(
                second, "SELECT count(*) FROM pg_tables WHERE tablename IN ('latency_minutes', 'latency_hours', 'latency_pending_v7')")
                == [0])
        #expect(try await Self.execute(second, "SELECT count(*) FROM latency_pending WHERE octet_length(buckets) > 16") != [0])
        // Folded into the rows the counts moved into, and then spans written after.
        try await Self.fold(second)
        for query in Self.latencyQueries { #expect(try await second.latency(query) == (try await sqlite.latency(query))) }
        for backend in [second, sqlite] as [any TraceStore] { try await backend.write(WriteBatch(spans: Self.latencySpans(43))) }
        for query in Self.latencyQueries { #expect(try await second.latency(query) == (try await sqlite.latency(query))) }
        try await Self.fold(second)
        for query in Self.latencyQueries { #expect(try await second.latency(query) == (try await sqlite.latency(query))) }
        // The moved counts are read: without them, the answer differs.
        _ = try await Self.execute(second, "UPDATE latency_hour_histograms SET count = 0, error_count = 0")
        #expect(try await second.latency(Self.latencyQueries[0]) != (try await sqlite.latency(Self.latencyQueries[0])))
    }

    /// Undoes v8 on a database of today's schema: the counts move back out of the histogram rows into v7's tables,
    /// and each pending row becomes a row per bucket (its errors and largest duration on the first).
    private static func turnBackToVersionSeven(_ store: PostgresTraceStore) async throws {
        for unit in ["minute", "hour"] {
            _ = try await execute(
                store,
                """
                CREATE TABLE latency_\(unit)s (\(unit) bigint NOT NULL, operation_id bigint NOT NULL, count bigint NOT NULL,
                    error_count bigint NOT NULL, max_micros bigint NOT NULL, PRIMARY KEY (\(unit), operation_id))
                """)
            _ = try await execute(
                store,
                """
                INSERT INTO latency_\(unit)s SELECT \(unit), operation_id, count, error_count, max_micros
                FROM latency_\(unit)_histograms
                """)
            _ = try await execute(
                store, "ALTER TABLE latency_\(unit)_histograms DROP COLUMN count, DROP COLUMN error_count, DROP COLUMN max_micros")
        }
        _ = try await execute(store, "ALTER TABLE latency_pending RENAME TO latency_pending_v8")
        _ = try await execute(
            store,
            """
            CREATE TABLE latency_pending (minute bigint NOT NULL, operation_id bigint NOT NULL, bucket bigint NOT NULL,
                count bigint NOT NULL, error_count bigint NOT NULL, max_micros bigint NOT NULL)
            """)
        _ = try await execute(
            store,
            """
            INSERT INTO latency_pending
            SELECT p.minute, p.operation_id, ('x' || encode(substring(p.buckets FROM i * 16 + 1 FOR 8), 'hex'))::bit(64)::bigint,
                   ('x' || encode(substring(p.buckets FROM i * 16 + 9 FOR 8), 'hex'))::bit(64)::bigint,
                   CASE WHEN i = 0 THEN p.error_count ELSE 0 END, CASE WHEN i = 0 THEN p.max_micros ELSE 0 END
            FROM latency_pending_v8 p, generate_series(0, octet_length(p.buckets) / 16 - 1) i
            """)
        _ = try await execute(store, "DROP TABLE latency_pending_v8")
        _ = try await execute(store, "DELETE FROM tracetop_migrations WHERE version = 8")
    }

    /// Turns a folded database's histograms back into v6's two arrays per row and undoes v8 and v7, decoding each
    /// row's varints in SQL (a function of the test's own).
    private static func turnBackToVersionSix(_ store: PostgresTraceStore) async throws {
        try await turnBackToVersionSeven(store)
        _ = try await execute(
            store,
            """
            CREATE FUNCTION test_histogram_pairs(h bytea) RETURNS TABLE (b bigint, c bigint) LANGUAGE plpgsql AS $$
            DECLARE i int := 0; v bigint; shift int; byte int; numbers bigint[] := '{}';
            BEGIN
                WHILE i < length(h) LOOP
                    v := 0; shift := 0;
                    LOOP
                        byte := get_byte(h, i); i := i + 1;
                        v := v | ((byte & 127)::bigint << shift); shift := shift + 7;
                        EXIT WHEN byte < 128;
                    END LOOP;
                    numbers := numbers || v;
                END LOOP;
                FOR k IN 1..(coalesce(array_length(numbers, 1), 1) - 1) / 2 LOOP
                    b := numbers[2 * k]; c := numbers[2 * k + 1]; RETURN NEXT;
                END LOOP;
            END $$
            """)
        for table in ["latency_minute_histograms", "latency_hour_histograms"] {
            _ = try await execute(store, "ALTER TABLE \(table) ADD COLUMN buckets bigint[], ADD COLUMN counts bigint[]")
            _ = try await execute(
                store,
                """
                UPDATE \(table) h SET buckets = coalesce((SELECT array_agg(b ORDER BY b) FROM test_histogram_pairs(h.histogram)), '{}'),
                    counts = coalesce((SELECT array_agg(c ORDER BY b) FROM test_histogram_pairs(h.histogram)), '{}')
                """)
            _ = try await execute(
                store, "ALTER TABLE \(table) DROP COLUMN histogram, ALTER buckets SET NOT NULL, ALTER counts SET NOT NULL")
        }
        _ = try await execute(store, "DELETE FROM tracetop_migrations WHERE version = 7")
    }

    private static let latencyQueries: [LatencyQuery] = {
        let hour: UInt64 = 3_600_000_000_000
        return [
            LatencyQuery(fromNanos: Make.base, toNanos: Make.base + 5 * hour),
            LatencyQuery(fromNanos: Make.base - Make.base % hour, toNanos: Make.base + 4 * hour, stepNanos: hour),
            LatencyQuery(fromNanos: Make.base + 600_000_000_000, toNanos: Make.base + 2 * hour, stepNanos: 600_000_000_000)
        ]
    }()

    /// 43 traces of one span each from `first` on, a span every 7 minutes over five hours (Make.base is 13 min 20 s
    /// past an hour).
    private static func latencySpans(_ first: UInt64) -> [SpanRecord] {
        (first..<first + 43).map { n in
            Make.record(Make.span(trace: 100 + n, id: 1, name: n % 2 == 0 ? "a" : "b", startMs: (n % 43) * 420_000, durationMs: 1 + n * 3))
        }
    }

    /// Folds now, waiting while the store's own fold (every 5 s) holds the lock.
    private static func fold(_ store: PostgresTraceStore) async throws {
        while !(try await store.client.withConnection { try await LatencyFold.fold($0, logger: store.logger) }) {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

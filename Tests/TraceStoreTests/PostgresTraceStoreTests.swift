import Foundation
import PostgresNIO
import Testing
import TraceModel
import TraceStore

@testable import TraceStorePostgres

/// What only the PostgreSQL store has to get right: several stores (collectors) on one database.
@Suite(.enabled(if: TestPostgres.isWanted, "needs a PostgreSQL test server: TRACETOP_TEST_POSTGRES (scripts/test starts one)"))
struct PostgresTraceStoreTests {
    /// Each connection runs with what the store relies on: no JIT and no parallel workers for its short lookups
    /// (the server's defaults are on and 2; docs/POSTGRES.md, "No JIT, no parallel workers"), and commits durable
    /// before they are acknowledged.
    @Test func connectionsRunWithTheStoresSettings() async throws {
        let (any, cleanup) = try Backends.make("postgres")
        defer { cleanup() }
        let store = try #require(any as? PostgresTraceStore)
        let settings = try await store.rows(
            PostgresQuery(
                unsafeSQL:
                    "SELECT current_setting('jit') || ' ' || current_setting('max_parallel_workers_per_gather') || ' ' || current_setting('synchronous_commit')"
            ))
        #expect(try settings.map { try $0.decode(String.self) } == ["off 0 on"])
    }

    /// Two stores on one database (two collectors): the spans of one trace written through both, some re-sent
    /// through the other one, at the same time. The summary counts each span once, and so does latency.
    @Test func twoStoresWritingOneTraceAtOnceCountEachSpanOnce() async throws {
        let server = try TestPostgres.server()
        let location = try PostgresDatabases.createFresh(on: server)
        defer { try? PostgresDatabases.drop(location, connectingTo: server) }
        let first = try PostgresTraceStore(location: location, maxConnections: 4)
        let second = try PostgresTraceStore(location: location, maxConnections: 4)
        defer { first.close(); second.close() }
        let spans = (UInt64(1)...200).map { n -> SpanRecord in
            let parent: UInt64? = n == 1 ? nil : 1
            let status: StatusCode = n % 10 == 0 ? .error : .unset
            let span = Make.span(
                trace: 1, id: n, parent: parent, name: n == 1 ? "root" : "child", startMs: n, durationMs: 10, status: status)
            return Make.record(span, service: n % 2 == 0 ? "even" : "odd")
        }
        // Each store gets every other 10-span batch, and the other half re-sent: both write every span once or twice.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, start) in stride(from: 0, to: spans.count, by: 10).enumerated() {
                let batch = WriteBatch(spans: Array(spans[start..<start + 10]))
                group.addTask { try await (index % 2 == 0 ? first : second).write(batch) }
                if index % 3 == 0 { group.addTask { try await (index % 2 == 0 ? second : first).write(batch) } }
            }
            try await group.waitForAll()
        }
        for store in [first, second] {
            let summary = try #require(try await store.traceSummaries(TraceQuery()).first)
            #expect(summary.spanCount == 200)
            #expect(summary.errorCount == 20)
            #expect(summary.rootOperation == "root")
            #expect(summary.services == ["even", "odd"])
            #expect(summary.durationNanos == 209_000_000)
            let latency = try await store.latency(LatencyQuery(fromNanos: Make.base, toNanos: Make.base + 60_000_000_000))
            #expect(latency.reduce(0) { $0 + $1.figures.count } == 200)
            #expect(try await store.trace(Make.traceID(1)).count == 200)
        }
    }

    /// A re-sent span that differs from the stored one replaces it, and the trace's summary follows.
    @Test func aChangedResentSpanReplacesTheStoredOneAndTheSummaryFollows() async throws {
        let (store, cleanup) = try Backends.make("postgres")
        defer { cleanup() }
        let root = Make.record(Make.span(trace: 7, id: 1, name: "root", durationMs: 50), service: "api")
        let child = Make.span(trace: 7, id: 2, parent: 1, name: "call", startMs: 5, durationMs: 10)
        try await store.write(WriteBatch(spans: [root, Make.record(child, service: "api")]))
        var failed = child
        failed.status = SpanStatus(code: .error, message: "timeout")
        failed.endTimeUnixNano += 100_000_000
        try await store.write(WriteBatch(spans: [Make.record(failed, service: "db")]))
        let summary = try #require(try await store.traceSummaries(TraceQuery()).first)
        #expect(summary.spanCount == 2)
        #expect(summary.errorCount == 1)
        #expect(summary.services == ["api", "db"])
        #expect(summary.durationNanos == 115_000_000)
        let stored = try await store.trace(Make.traceID(7))
        #expect(stored.count == 2)
        #expect(stored.last?.span.status.message == "timeout")
    }

    /// Retention drops whole day partitions before the cutoff (with their traces' summaries and logs), deletes
    /// older rows outside the day partitions one by one, and a size pass drops the oldest day left.
    @Test func retentionDropsDayPartitionsBeforeTheCutoff() async throws {
        let (store, cleanup) = try Backends.make("postgres")
        defer { cleanup() }
        let postgres = try #require(store as? PostgresTraceStore)
        let dayNanos: UInt64 = 86_400_000_000_000
        let today = UInt64(Date().timeIntervalSince1970) / 86_400
        func record(_ trace: UInt64, at nanos: UInt64) -> SpanRecord {
            var span = Make.span(trace: trace, id: 1, name: "tick")
            span.startTimeUnixNano = nanos
            span.endTimeUnixNano = nanos + 1_000_000
            return Make.record(span, service: "svc")
        }
        func log(_ body: String, at nanos: UInt64) -> LogEntry {
            var entry = Make.log(body)
            entry.record.timeUnixNano = nanos
            return entry
        }
        func partition(_ table: String, day: UInt64) -> String {
            let formatter = DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyyMMdd"
            return table + "_" + formatter.string(from: Date(timeIntervalSince1970: TimeInterval(day) * 86_400))
        }
        let yesterdayNoon = (today - 1) * dayNanos + dayNanos / 2, todayNoon = today * dayNanos + dayNanos / 2
        try await store.write(
            WriteBatch(
                spans: [record(1, at: yesterdayNoon), record(2, at: todayNoon), record(3, at: Make.base)],
                logs: [log("yesterday", at: yesterdayNoon), log("today", at: todayNoon)]))
        let yesterdaySpans = partition("spans", day: today - 1)
        #expect(try await postgres.partitionNames().contains(yesterdaySpans))

        let deleted = try await store.deleteOldest(before: today * dayNanos, within: DeletionLimits(rows: 1000))
        #expect(deleted.rows >= 3)
        #expect(deleted.bytes > 0)
        let partitions = try await postgres.partitionNames()
        #expect(!partitions.contains(yesterdaySpans))
        #expect(!partitions.contains(partition("logs", day: today - 1)))
        #expect(partitions.contains(partition("spans", day: today)))
        #expect(try await store.trace(Make.traceID(1)).isEmpty)
        #expect(try await store.trace(Make.traceID(3)).isEmpty)
        #expect(try await store.trace(Make.traceID(2)).count == 1)
        #expect(try await store.traceSummaries(TraceQuery(limit: 10)).map(\.traceID) == [Make.traceID(2)])
        #expect(try await store.logs(LogQuery()).map { $0.entry.record.body.stringValue } == ["today"])

        // A size pass (no cutoff) drops the oldest day left: today's.
        _ = try await store.deleteOldest(before: .max, within: DeletionLimits(rows: 1000))
        #expect(!(try await postgres.partitionNames()).contains(partition("spans", day: today)))
        #expect(try await store.trace(Make.traceID(2)).isEmpty)
    }

    /// A new day's partition and a fresh database's tables get statistics from the collector within seconds of
    /// filling, rather than from autovacuum a minute or more later (`FirstStatistics`): the planner's guesses
    /// made the prepared statements 3–90× slower until then. Autovacuum is off for every table here, so any
    /// statistics are the store's doing; a table with fewer than `FirstStatistics.minimumRows` rows is left alone.
    @Test func newTablesGetStatisticsWithinSeconds() async throws {
        let (store, cleanup) = try Backends.make("postgres")
        defer { cleanup() }
        let postgres = try #require(store as? PostgresTraceStore)
        try await postgres.open()
        let tables = try await postgres.rows(
            "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        ).map { try $0.decode(String.self) }
        for table in tables {
            _ = try await postgres.rows(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) SET (autovacuum_enabled = false)"))
        }
        let dayNanos: UInt64 = 86_400_000_000_000
        let todayNoon = UInt64(Date().timeIntervalSince1970) / 86_400 * dayNanos + dayNanos / 2
        let spans = (UInt64(1)...1_500).map { n -> SpanRecord in
            var span = Make.span(trace: n, id: 1, name: "tick")
            span.startTimeUnixNano = todayNoon + n * 1_000_000
            span.endTimeUnixNano = span.startTimeUnixNano + 500_000
            return Make.record(span, service: "svc")
        }
        try await store.write(WriteBatch(spans: spans))
        let partition = try #require(
            try await postgres.rows(
                "SELECT tableoid::regclass::text FROM spans WHERE start_ns >= \(Int64(todayNoon)) LIMIT 1"
            ).first?.decode(String.self))

        func analyzed() async throws -> [String: Double] {
            let rows = try await postgres.rows(
                "SELECT s.relname, c.reltuples::float8 FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.schemaname = current_schema() AND s.last_analyze IS NOT NULL"
            )
            return Dictionary(uniqueKeysWithValues: try rows.map { try $0.decode((String, Double).self) })
        }
        let deadline = ContinuousClock.now + .seconds(40)
        var seen = try await analyzed()
        while (seen[partition] == nil || seen["traces"] == nil) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            seen = try await analyzed()
        }
        #expect(seen[partition] == 1_500, "analyzed: \(seen)")
        #expect(seen["traces"] == 1_500, "analyzed: \(seen)")
        #expect(seen["services"] == nil, "a one-row table was analyzed: \(seen)")
        let byAutovacuum = try await postgres.rows(
            "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema() AND last_autoanalyze IS NOT NULL")
        #expect(try byAutovacuum.map { try $0.decode(Int64.self) } == [0])
    }
}

import Collector
import Foundation
import TraceStore
import TraceStorePostgres
import WireCodecs

/// `--db postgres://…`: the real collector on PostgreSQL, in a fresh database created on that server (dropped at
/// the end). Ingest into the empty database by one collector, then by two sharing it (the clients split between
/// them), each as a ratio to the SQLite collector measured in the same run; then the database filled to `--spans`,
/// ingest into it, and the queries, right after it and then in alternated pairs with the SQLite collector's
/// (`pairedQueries`). PostgreSQL's own `COPY` of span rows is the ceiling any number of collectors meets on that
/// server.
///
/// Both collectors run in this process, on this machine's cores, beside the clients and (usually) the server:
/// the two-collector figure shows that two writers on one database do not get in each other's way (row locks,
/// deadlock retries), not what two machines would reach.
extension BenchRun {
    mutating func measurePostgres(server: PostgresLocation) async throws {
        let sqlite = try await sqliteBaseline()
        let location = try PostgresDatabases.createFresh(on: server, prefix: "tracetop_bench")
        progress("PostgreSQL: a fresh database \(location.displayName)")
        defer {
            if options.keepFiles {
                progress("PostgreSQL: kept the database \(location.displayName) (--keep-files)")
            } else {
                try? PostgresDatabases.drop(location, connectingTo: server)
            }
        }
        let figures = try await measurePostgresCollectors(location)
        let ceiling = try await PostgresCopyCeiling.measure(location: location, rows: options.quick ? 5_000 : 300_000)
        progress(
            String(
                format: "PostgreSQL COPY of span rows: %.0f rows/s unindexed, %.0f with the spans' primary key", ceiling.unindexed,
                ceiling.withPrimaryKey))
        report(figures, sqlite: sqlite, copyCeiling: ceiling)
    }

    /// The SQLite collector's empty-database rate: the collector phase's when it ran, else measured here.
    private mutating func sqliteBaseline() async throws -> Double {
        if !ingestSpansPerSecond.isNaN { return ingestSpansPerSecond }
        let path = directory + "/baseline.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try SQLiteTraceStore(path: path)
        progress("SQLite baseline: ingest into an empty database for \(options.duration) s…")
        let (outcome, _) = try await ingest(
            into: [store], databasePath: path, firstRequest: 0, maxRequests: Int.max / 2, seconds: options.duration)
        progress(String(format: "  %.0f spans/s", outcome.spansPerSecond))
        return outcome.spansPerSecond
    }

    private func measurePostgresCollectors(_ location: PostgresLocation) async throws -> PostgresFigures {
        var figures = PostgresFigures()
        let first = try PostgresTraceStore(location: location)
        let second = try PostgresTraceStore(location: location)
        defer { first.close(); second.close() }
        try await first.open()
        try await second.open()
        let url = location.url
        progress("PostgreSQL, one collector: ingest into an empty database for \(options.duration) s…")
        (figures.one, _) = try await ingest(
            into: [first], databasePath: url, firstRequest: 0, maxRequests: Int.max / 2, seconds: options.duration)
        progress(String(format: "  %.0f spans/s", figures.one.spansPerSecond))
        // Request numbers far past the first phase's, so the two phases store different traces.
        let pool = workload.bodies.count
        progress("PostgreSQL, two collectors on the same database: ingest for \(options.duration) s…")
        (figures.two, _) = try await ingest(
            into: [first, second], databasePath: url, firstRequest: pool * 1_000_000, maxRequests: Int.max / 4, seconds: options.duration)
        progress(String(format: "  %.0f spans/s together", figures.two.spansPerSecond))
        var stored = figures.one.spans + figures.two.spans
        let spansPerRequest = Double(workload.spanCount) / Double(pool)
        var next = pool * 2_000_000
        if stored < options.spans {
            progress("PostgreSQL: filling to \(options.spans) spans…")
            let needed = Int((Double(options.spans - stored) / spansPerRequest).rounded(.up))
            let (fill, _) = try await ingest(
                into: [first], databasePath: url, firstRequest: next, maxRequests: needed, seconds: Self.maxFillSeconds)
            next += fill.requests
            stored += fill.spans
            progress(String(format: "  %d spans stored; filled at %.0f spans/s", stored, fill.spansPerSecond))
        }
        figures.spansBeforeFull = stored
        progress("PostgreSQL: ingest into the \(stored)-span database for \(options.duration) s, then the queries…")
        let queryRuns = options.queryRuns
        let workload = self.workload!
        (figures.full, figures.queries) = try await ingest(
            into: [first], databasePath: url, firstRequest: next, maxRequests: Int.max / 4,
            seconds: options.duration
        ) { port in
            let client = try LoopbackHTTPClient(port: port)
            let big = workload.bigTrace(count: min(200, workload.spanCount), id: Self.bigTraceID)
            let posted = try client.post("/v1/traces", contentType: "application/json", body: OTLPJSON.encode(big))
            guard posted.status == 200 else { throw BenchFailure("posting the 200-span trace answered \(posted.status)") }
            return try Self.measureQueries(QueryBenchmark(client: client, runs: queryRuns), correlation: workload.correlation)
        }
        progress(String(format: "  %.0f spans/s", figures.full.spansPerSecond))
        figures.databaseBytes = try await first.storageUsage().allocatedBytes
        if !sqliteQueries.isEmpty {
            progress("PostgreSQL and SQLite: the queries in alternated pairs…")
            figures.paired = try await pairedQueries(postgres: first, postgresURL: url)
        }
        return figures
    }

    typealias Queries = [(String, QueryBenchmark.Result)]

    /// Runs one in-process collector per store (all on the same database) and splits `clients` between them,
    /// drawing from one sequence of requests; then the queries of `afterwards` against the first collector.
    private func ingest(
        into stores: [any TraceStore], databasePath: String, firstRequest: Int, maxRequests: Int, seconds: Double,
        afterwards: ((Int) async throws -> Queries)? = nil
    ) async throws -> (LoadDriver.Outcome, Queries) {
        let workload = self.workload!, clients = options.clients
        let configuration = CollectorConfiguration(port: 0, databasePath: databasePath)
        return try await InProcessServer.with(
            all: stores.map { store in
                { onListening in
                    try Collector.buildApplication(
                        configuration: configuration, store: store, logger: InProcessServer.quietLogger, onListening: onListening)
                }
            }
        ) { ports in
            let drivers = ports.enumerated().map { index, port in
                LoadDriver(
                    port: port, path: "/v1/traces", workload: workload,
                    clients: clients / ports.count + (index < clients % ports.count ? 1 : 0))
            }
            let outcome = await LoadDriver.together(drivers, firstRequest: firstRequest, maxRequests: maxRequests, seconds: seconds)
            try outcome.check("ingest with \(ports.count) collector(s)")
            return (outcome, try await afterwards?(ports[0]) ?? [])
        }
    }

    private mutating func report(_ figures: PostgresFigures, sqlite: Double, copyCeiling: PostgresCopyCeiling.Figures) {
        let one = figures.one.spansPerSecond, two = figures.two.spansPerSecond
        // The goals: at least half of SQLite's rate in the same run, and at least 50,000 spans/s.
        table.add(
            "PostgreSQL: ingest, empty database, one collector, \(options.clients) clients", one, unit: "spans/s", goal: .atLeast(50_000),
            limit: String(format: "SQLite collector %.0f spans/s in this run", sqlite))
        table.add(
            "PostgreSQL: ingest, one collector (÷ SQLite collector)", one / sqlite, unit: "×", goal: .atLeast(0.5),
            limit: String(
                format: "PostgreSQL's own COPY of span rows: %.0f rows/s unindexed, %.0f with the primary key", copyCeiling.unindexed,
                copyCeiling.withPrimaryKey))
        table.add(
            "PostgreSQL: ingest, two collectors on one database", two, unit: "spans/s", goal: .atLeast(50_000),
            limit: "both collectors, the clients and the server share this machine's cores")
        table.add(
            "PostgreSQL: ingest, two collectors (÷ SQLite collector)", two / sqlite, unit: "×", goal: .atLeast(0.5),
            limit: String(format: "%.0f %% of one collector's rate", two / one * 100))
        table.add(
            "PostgreSQL: ingest into \(figures.spansBeforeFull) spans (÷ empty, one collector)", figures.full.spansPerSecond / one * 100,
            unit: "%",
            goal: .none, limit: String(format: "%.0f spans/s", figures.full.spansPerSecond))
        // The goal: within twice the SQLite collector's time for the same query in this run (when it ran), from
        // the alternated pairs.
        for query in figures.paired {
            let afterIngest = figures.queries.first { $0.0 == query.name }?.1.medianMillis ?? .nan
            let sqliteAfterIngest = sqliteQueries.first { $0.0 == query.name }?.1.medianMillis ?? .nan
            table.add(
                "PostgreSQL: \(query.name) (\(query.resultCount) results)", query.postgresMillis, unit: "ms",
                goal: .atMost(2 * query.sqliteMillis),
                limit: String(
                    format: "SQLite %.2f ms, alternated; PostgreSQL ÷ SQLite %@; each right after its own ingest: %.2f and %.2f ms",
                    query.sqliteMillis, query.ratios.summary, afterIngest, sqliteAfterIngest),
                ratio: query.postgresMillis / query.sqliteMillis)
        }
        for (name, result) in figures.queries where figures.paired.isEmpty {
            let sqlite = sqliteQueries.first { $0.0 == name }?.1.medianMillis
            table.add(
                "PostgreSQL: \(name) (\(result.resultCount) results)", result.medianMillis, unit: "ms",
                goal: sqlite.map { .atMost(2 * $0) } ?? .none,
                limit: sqlite.map { String(format: "SQLite %.2f ms", $0) } ?? "the collector phase did not run",
                ratio: sqlite.map { result.medianMillis / $0 })
        }
        let spans = figures.spansBeforeFull + figures.full.spans
        table.add(
            "PostgreSQL: database size per span (\(spans) spans, indexes included)", Double(figures.databaseBytes) / Double(max(1, spans)),
            unit: "B", goal: .none, limit: "pg_database_size")
    }
}

struct PostgresFigures {
    var one = LoadDriver.Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
    var two = LoadDriver.Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
    var full = LoadDriver.Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
    var spansBeforeFull = 0
    var queries: [(String, QueryBenchmark.Result)] = []
    /// The queries against SQLite's in alternated pairs (when the collector phase ran).
    var paired: [BenchRun.PairedQuery] = []
    var databaseBytes = 0
}

extension LoadDriver {
    /// Several drivers (each with its own port and clients) sending one sequence of requests between them, so
    /// together they store what one driver with all the clients would.
    static func together(_ drivers: [LoadDriver], firstRequest: Int, maxRequests: Int, seconds: Double) async -> Outcome {
        let tickets = Tickets(firstRequest)
        let started = ContinuousClock.now
        var outcome = await withTaskGroup(of: Outcome.self) { group in
            for driver in drivers {
                group.addTask { await driver.run(tickets: tickets, last: firstRequest + maxRequests, seconds: seconds) }
            }
            var total = Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
            for await one in group { total.add(one) }
            return total
        }
        outcome.seconds = (ContinuousClock.now - started).seconds
        return outcome
    }
}

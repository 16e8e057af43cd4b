import ArgumentParser
import Foundation
import TraceStorePostgres

/// What to measure and at what size. `--quick` shrinks everything so CI can check the benchmark runs.
struct BenchOptions: ParsableArguments {
    @Flag(help: "Tiny sizes (finishes in seconds, even in a debug build): checks that the benchmark runs, measures nothing useful.")
    var quick = false

    @Option(help: "Spans in the big database the queries and the second ingest figure run against.")
    var spans: Int = 10_000_000

    @Option(help: "Seconds each timed ingest phase runs (the target asks for 60).")
    var duration: Double = 60

    @Option(help: "Concurrent HTTP clients (threads, one keep-alive connection each).")
    var clients: Int = 8

    @Option(help: "Spans the demo generator makes once; requests replay them with new trace ids and times.")
    var poolSpans: Int = 100_000

    @Option(help: "Spans per request (the OpenTelemetry SDKs' default export batch is 512).")
    var batch: Int = 512

    @Option(help: "Directory for the database files (removed at the end, unless --keep-files).")
    var directory: String?

    @Flag(
        help:
            "Leave the database files in --directory, and the PostgreSQL database of --db, to look at them afterwards (sqlite3, scripts/wal-pages, psql)."
    )
    var keepFiles = false

    @Option(
        help:
            "Only these phases, comma-separated: decode (the three decoders), protobuf (its decoder alone), noop, collector, process (tracetop-collector as a process of its own: its peak RSS through ingest and through the queries), grpc (OTLP/gRPC ingest beside OTLP/HTTP protobuf), writer, scrape (what /metrics scrapes cost ingest: paired ratios at 1 s and 100 ms intervals beside a control; runs only when named here), postgres (with --db), file (tracetop --file on a 100,000-span OTLP JSON file). For quick turns while working on one part; the raw SQLite append runs with collector."
    )
    var only: String?

    @Option(
        help: ArgumentHelp(
            "Also measure the collector on PostgreSQL: one collector and two sharing a database, ingest beside the SQLite collector's, the queries, and PostgreSQL's own COPY. A fresh database is created on this server and dropped at the end (the password from the URL or PGPASSWORD).",
            valueName: "postgres://USER@HOST:PORT/DB"))
    var db: String?

    @Option(help: "Seed for the demo generator.")
    var seed: UInt64 = 42

    mutating func validate() throws {
        if quick {
            spans = min(spans, 20_000)
            duration = min(duration, 2)
            poolSpans = min(poolSpans, 5_000)
            clients = min(clients, 4)
        }
        guard spans > 0, poolSpans > 0, batch > 0 else { throw ValidationError("--spans, --pool-spans and --batch must be positive") }
        guard duration > 0, duration <= 3600 else { throw ValidationError("--duration is in seconds, from above 0 to 3600") }
        guard (1...256).contains(clients) else { throw ValidationError("--clients must be from 1 to 256") }
        if let db {
            guard PostgresLocation.isURL(db) else {
                throw ValidationError("--db takes a postgres:// URL (the SQLite collector is always measured), got \(db)")
            }
            _ = try postgresServer()
        }
    }

    /// The server `--db` names, with the password from PGPASSWORD when the URL has none.
    func postgresServer() throws -> PostgresLocation? {
        guard let db else { return nil }
        var location = try PostgresLocation(url: db)
        if location.password == nil { location.password = ProcessInfo.processInfo.environment["PGPASSWORD"] }
        return location
    }

    func runs(_ phase: String) -> Bool {
        guard let only else { return true }
        return only.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == phase }
    }

    /// Timed repetitions for medians.
    var runs: Int { quick ? 1 : 5 }
    var queryRuns: Int { quick ? 3 : 25 }
    /// tracetop first frames (each also times the scrolling keys after it).
    var frameRuns: Int { quick ? 2 : 15 }
    var decodeSeconds: Double { quick ? 0.05 : 1 }
    var noopSeconds: Double { quick ? 0.5 : min(10, duration / 4) }
}

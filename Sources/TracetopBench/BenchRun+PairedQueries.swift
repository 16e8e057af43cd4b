import Collector
import Foundation
import TraceStore

/// The PostgreSQL query figures as ratios to SQLite's, measured in alternation: the SQLite collector's database of
/// the collector phase and the PostgreSQL one, each behind an in-process collector, each query timed on one then
/// the other, the order alternating, several pairs.
///
/// Each backend's own query phase runs right after its ingest, minutes apart: on this shared 2-core machine the
/// same build's figures moved by a third between phases (trace by id 1.68× SQLite in one 10M run, 2.33× in the
/// next), more than any change measured. Pairs measured back to back cancel that drift; what each backend answers
/// right after its own ingest stays in the table beside them.
extension BenchRun {
    struct PairedQuery {
        var name: String
        /// How many items PostgreSQL's answer held.
        var resultCount: Int
        /// The medians of each backend's per-pair medians, in milliseconds.
        var postgresMillis: Double
        var sqliteMillis: Double
        /// PostgreSQL's ÷ SQLite's time, per pair.
        var ratios: PairedRatios
    }

    /// Pairs per query, and timed runs per backend in each.
    private var queryPairs: (pairs: Int, runs: Int) { options.quick ? (2, 3) : (6, 9) }

    /// Every query of `measureQueries`, on the collector phase's SQLite database and on `postgres`.
    func pairedQueries(postgres: any TraceStore, postgresURL: String) async throws -> [PairedQuery] {
        let sqlite = try SQLiteTraceStore(path: databasePath)
        let backends: [(store: any TraceStore, path: String)] = [(sqlite, databasePath), (postgres, postgresURL)]
        let (pairs, runs) = queryPairs
        let queries = Self.queries(correlation: workload.correlation)
        return try await InProcessServer.with(
            all: backends.map { backend in
                { onListening in
                    try Collector.buildApplication(
                        configuration: CollectorConfiguration(port: 0, databasePath: backend.path), store: backend.store,
                        logger: InProcessServer.quietLogger, onListening: onListening)
                }
            }
        ) { ports in
            let sqliteBench = QueryBenchmark(client: try LoopbackHTTPClient(port: ports[0]), runs: runs)
            let postgresBench = QueryBenchmark(client: try LoopbackHTTPClient(port: ports[1]), runs: runs)
            return try queries.map { name, path in
                var sqliteMedians: [Double] = [], postgresMedians: [Double] = []
                var ratios = PairedRatios()
                var resultCount = 0
                for pair in 0..<pairs {
                    let sqliteFirst = pair % 2 == 0
                    let first = try (sqliteFirst ? sqliteBench : postgresBench).measure(path)
                    let second = try (sqliteFirst ? postgresBench : sqliteBench).measure(path)
                    let (sqliteResult, postgres) = sqliteFirst ? (first, second) : (second, first)
                    sqliteMedians.append(sqliteResult.medianMillis)
                    postgresMedians.append(postgres.medianMillis)
                    ratios.add(treated: postgres.medianMillis, untreated: sqliteResult.medianMillis)
                    resultCount = postgres.resultCount
                }
                return PairedQuery(
                    name: name, resultCount: resultCount, postgresMillis: Statistics.median(postgresMedians),
                    sqliteMillis: Statistics.median(sqliteMedians), ratios: ratios)
            }
        }
    }
}

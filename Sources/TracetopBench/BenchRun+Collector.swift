import Collector
import Foundation
import TraceModel
import TraceStore
import WireCodecs

/// The real collector, in process on 127.0.0.1: ingest into an empty database, fill it to `--spans`, ingest
/// again, then queries, disk and memory.
extension BenchRun {
    static let bigTraceID = TraceID(high: 0xb16_7ace_0000_0001, low: 0x0200_5ba4_5000_0001)

    mutating func measureCollector() async throws {
        let path = databasePath
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let residentBefore = ProcessMemory.residentBytes()
        ProcessMemory.resetPeak()
        let store = try SQLiteTraceStore(path: path)
        let configuration = CollectorConfiguration(port: 0, databasePath: path)
        let workload = self.workload!, options = self.options
        let driver = { (port: Int) in LoadDriver(port: port, path: "/v1/traces", workload: workload, clients: options.clients) }

        let result = try await InProcessServer.with({ onListening in
            try Collector.buildApplication(
                configuration: configuration, store: store, logger: InProcessServer.quietLogger, onListening: onListening)
        }) { port -> CollectorFigures in
            var figures = CollectorFigures()
            progress("ingest into an empty database for \(options.duration) s with \(options.clients) clients…")
            let cpuBefore = Self.processCPUSeconds()
            figures.empty = await driver(port).run(firstRequest: 0, maxRequests: Int.max / 2, seconds: options.duration)
            figures.emptyCPUSeconds = Self.processCPUSeconds() - cpuBefore
            try figures.empty.check("ingest")
            progress(
                String(
                    format: "  %.0f spans/s (%d spans, %d retries after 503), %.0f spans per CPU second", figures.empty.spansPerSecond,
                    figures.empty.spans, figures.empty.retries, Double(figures.empty.spans) / figures.emptyCPUSeconds))
            var next = figures.empty.requests
            // Every request carries new trace ids, so acknowledged spans are stored spans (counting rows would scan the table).
            var stored = figures.empty.spans
            let spansPerRequest = Double(workload.spanCount) / Double(workload.bodies.count)
            if stored < options.spans {
                progress("filling to \(options.spans) spans…")
                let needed = Int((Double(options.spans - stored) / spansPerRequest).rounded(.up))
                let fill = await driver(port).run(firstRequest: next, maxRequests: needed, seconds: Self.maxFillSeconds)
                try fill.check("fill")
                next += fill.requests
                figures.fill = fill
                stored += fill.spans
                progress(String(format: "  %d spans stored; filled at %.0f spans/s", stored, fill.spansPerSecond))
            }
            figures.spansBeforeFull = stored
            progress("ingest into the \(stored)-span database for \(options.duration) s…")
            figures.full = await driver(port).run(firstRequest: next, maxRequests: Int.max / 2, seconds: options.duration)
            try figures.full.check("ingest into the full database")
            progress(String(format: "  %.0f spans/s", figures.full.spansPerSecond))
            figures.peakResident = ProcessMemory.peakBytes()
            ProcessMemory.resetPeak()

            let client = try LoopbackHTTPClient(port: port)
            try Self.postBigTrace(client: client, workload: workload)
            figures.queries = try Self.measureQueries(
                QueryBenchmark(client: client, runs: options.queryRuns), correlation: workload.correlation)
            figures.queryPeakResident = ProcessMemory.peakBytes()
            figures.statistics = try await store.statistics()
            figures.footprint = try await store.footprintByTable()
            // After the statistics, so the big trace changes none of the other figures.
            progress("tracetop: first frame and key redraws of a 10,000-span trace (fewer spans with --quick)…")
            // A new connection: reading the disk breakdown of a big file (dbstat visits every page) outlasts the
            // collector's idle timeout, which closes the queries' connection (at 100M spans the post then failed
            // with a broken pipe).
            let frameClient = try LoopbackHTTPClient(port: port)
            figures.tracetop = try await TracetopFrameBenchmark(client: frameClient, port: port, runs: options.frameRuns).measure(
                workload: workload)
            return figures
        }
        report(result, residentBefore: residentBefore)
    }

    /// A bound on the fill phase, so a slow machine cannot run forever.
    static let maxFillSeconds = 4.0 * 3600

    var databasePath: String { directory + "/collector.db" }

    /// The 200-span trace "trace by id" reads.
    static func postBigTrace(client: LoopbackHTTPClient, workload: Workload) throws {
        let big = workload.bigTrace(count: min(200, workload.spanCount), id: bigTraceID)
        let posted = try client.post("/v1/traces", contentType: "application/json", body: OTLPJSON.encode(big))
        guard posted.status == 200 else { throw BenchFailure("posting the 200-span trace answered \(posted.status)") }
    }

    static func measureQueries(_ bench: QueryBenchmark, correlation: CorrelationStamp) throws -> [(String, QueryBenchmark.Result)] {
        try queries(correlation: correlation).map { name, path in (name, try bench.measure(path)) }
    }

    /// The queries each backend's figures time: (figure name, path and query string).
    static func queries(correlation: CorrelationStamp) -> [(name: String, path: String)] {
        let tag = QueryBenchmark.encode("http.response.status_code:500")
        let tag503 = QueryBenchmark.encode("http.response.status_code:503")
        // One request's id probes the newest blocks and one row per older superblock (see `CorrelationIndex`).
        // The shared id (`CorrelationStamp`) finds a trace per replay round, all of which the answer's order
        // needs: no target, it shows what each matching trace costs.
        let requestID = correlation.sample.map { CorrelationStamp.id($0, round: 0) }
        let correlations = [
            requestID.map { ("correlation id: one request's traces and logs, limit 20", $0) },
            correlation.shared.map { ("shared correlation id (a trace in every round): its traces and logs, limit 20", $0) }
        ].compactMap { $0 }.map { name, id in (name: name, path: "/api/correlations/\(QueryBenchmark.encode(id))?limit=20") }
        return [
            (name: "trace by id", path: "/api/traces/\(bigTraceID.hex)"),
            (
                name: "slow traces: service=billing, minDuration=1s, limit 20",
                path: "/api/traces?service=billing&minDuration=1s&limit=20&lookback=25h"
            ),
            (name: "attribute: http.response.status_code=500, limit 20", path: "/api/traces?tag=\(tag)&limit=20&lookback=25h"),
            // The demo's data may hold no 500 at all (then the query above examines every trace): the same search
            // for a status it does hold shows the usual case.
            (name: "attribute: http.response.status_code=503, limit 20", path: "/api/traces?tag=\(tag503)&limit=20&lookback=25h"),
            (name: "latency percentiles, all operations, 24 h", path: "/api/latency?lookback=24h"),
            // tracetop's "Slowest" list; no target either. It reads the duration-class index (see `DurationClass`).
            (
                name: "slowest traces: service=billing, sort=duration, limit 20",
                path: "/api/trace-summaries?service=billing&sort=duration&limit=20&lookback=25h"
            )
        ] + correlations
    }

    private mutating func report(_ figures: CollectorFigures, residentBefore: Int) {
        let empty = figures.empty.spansPerSecond
        table.add(
            "ingest, empty database, \(options.clients) clients, \(Int(options.duration)) s", empty, unit: "spans/s",
            goal: .atLeast(100_000),
            limit: String(
                format: "no-op HTTP endpoint %.0f spans/s; the collector used %.0f spans per CPU second (clients included)",
                noopSpansPerSecond, Double(figures.empty.spans) / figures.emptyCPUSeconds),
            ratio: empty / noopSpansPerSecond)
        ingestSpansPerSecond = empty
        // The price of group commit and of the long write-ahead log: the commit that fills the log also copies it.
        table.add(
            "ingest: request acknowledged after, median (empty database)", figures.empty.acknowledgementMillis(at: 0.5),
            unit: "ms", goal: .none,
            limit: String(
                format: "99th percentile %.0f ms, slowest %.0f ms; into the full database: median %.1f, 99th %.0f, slowest %.0f ms",
                figures.empty.acknowledgementMillis(at: 0.99), figures.empty.acknowledgementMillis(at: 1),
                figures.full.acknowledgementMillis(at: 0.5), figures.full.acknowledgementMillis(at: 0.99),
                figures.full.acknowledgementMillis(at: 1)))
        let full = figures.full.spansPerSecond
        table.add(
            "ingest into \(figures.spansBeforeFull) spans (÷ empty)", full / empty * 100, unit: "%", goal: .atLeast(80),
            limit: String(format: "%.0f spans/s", full))
        // Issue #20 sets the last two at 100M spans; they hold at every size, so every run checks them.
        let targets: [String: Double] = [
            "trace by id": 2, "slow traces": 10, "attribute": 200, "latency percentiles": 20, "slowest traces": 10, "correlation id": 10
        ]
        for (name, result) in figures.queries {
            let target = targets.first { name.hasPrefix($0.key) }?.value
            table.add("\(name) (\(result.resultCount) results)", result.medianMillis, unit: "ms", goal: target.map { .atMost($0) } ?? .none)
        }
        let statistics = figures.statistics!
        let bytesPerSpan = Double(statistics.fileBytes) / Double(max(1, statistics.spanCount))
        table.add(
            "disk per span (\(statistics.spanCount) spans, \(statistics.traceCount) traces, WAL included)", bytesPerSpan, unit: "B",
            goal: .atMost(300),
            limit: String(format: "OTLP JSON %.0f B/span", workload.averageSpanBytes))
        let collectorResident = Double(figures.peakResident - residentBefore) / 1_048_576
        table.add(
            "collector RSS at full ingest rate (peak − before start)", collectorResident, unit: "MB", goal: .atMost(150),
            limit: String(format: "process peak %.0f MB", Double(figures.peakResident) / 1_048_576))
        // The whole benchmark process's high-water mark: the collector's own baseline counts, and so do the
        // workload's request bodies and the load clients, which share the process (`before start` below is their
        // share). No target: issue #20's 100 MB is the collector's own, measured by the `process` phase.
        let before = String(
            format: "before start %.0f MB (workload, runtime); the collector alone: the `process` phase", Double(residentBefore) / 1_048_576
        )
        table.add(
            "benchmark process peak RSS (VmHWM), ingest phases, \(options.clients) clients", Double(figures.peakResident) / 1_048_576,
            unit: "MB", goal: .none, limit: before)
        table.add(
            "benchmark process peak RSS (VmHWM), query phase", Double(figures.queryPeakResident) / 1_048_576, unit: "MB", goal: .none,
            limit: before)
        notes.append(contentsOf: DiskBreakdown(footprint: figures.footprint, statistics: statistics).lines)
        tracetop = figures.tracetop
        sqliteQueries = figures.queries
        notes.append(
            "fill phase: "
                + (figures.fill.map { String(format: "%.0f spans/s, %.1f min", $0.spansPerSecond, $0.seconds / 60) } ?? "not needed"))
    }
}

struct CollectorFigures {
    var empty = LoadDriver.Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
    var fill: LoadDriver.Outcome?
    var full = LoadDriver.Outcome(spans: 0, requests: 0, retries: 0, seconds: 0)
    var spansBeforeFull = 0
    /// Process CPU time (collector and the in-process clients) during the empty-database phase.
    var emptyCPUSeconds = Double.nan
    var peakResident = 0
    /// VmHWM from the end of the last ingest phase to the end of the queries.
    var queryPeakResident = 0
    var footprint: [TableFootprint] = []
    var queries: [(String, QueryBenchmark.Result)] = []
    var statistics: StoreStatistics?
    var tracetop: TracetopFrameBenchmark.Result?
}

extension LoadDriver.Outcome {
    func check(_ phase: String) throws {
        if let failure { throw BenchFailure("\(phase): \(failure)") }
    }
}

import Foundation
import TraceModel

/// One benchmark run: builds the workload, then measures each figure beside its limit, filling `table`.
/// Progress goes to standard error as it happens; the table and notes go to standard output at the end.
struct BenchRun {
    let options: BenchOptions
    let directory: String
    var table = ResultTable()
    var notes: [String] = []
    var workload: Workload!
    /// Figures later rows are compared with.
    var noopSpansPerSecond = Double.nan
    var ingestSpansPerSecond = Double.nan
    var storeWriterSpansPerSecond = Double.nan
    /// The SQLite collector's query figures, which PostgreSQL's are compared with.
    var sqliteQueries: [(String, QueryBenchmark.Result)] = []
    /// Measured while the collector runs; reported last.
    var tracetop: TracetopFrameBenchmark.Result?
    /// `tracetop --file` on a 100,000-span file (phase `file`).
    var tracetopFile: TracetopFileBenchmark.Result?

    init(options: BenchOptions, directory: String) {
        self.options = options
        self.directory = directory
    }

    mutating func measureEverything() async throws {
        progress("machine: \(Machine.description); load before: \(Machine.loadAverage)")
        notes.append("machine: \(Machine.description); load average at start \(Machine.loadAverage)")
        try buildWorkload()
        if options.runs("decode") || options.runs("protobuf") { try measureDecoding() }
        if options.runs("noop") { try await measureNoopEndpoint() }
        if options.runs("collector") { try await measureCollector() }
        if options.runs("process") { try await measureCollectorProcess() }
        if options.runs("grpc") { try await measureGRPCIngest() }
        if options.runs("writer") { try await measureStoreWriter() }
        // Only when asked for (`--only scrape`): it runs ingest twice more per repetition.
        if options.only != nil, options.runs("scrape") { try await measureScrapeCost() }
        if let server = try options.postgresServer(), options.runs("postgres") { try await measurePostgres(server: server) }
        if options.runs("collector") { try measureSQLiteAppend() }
        if options.runs("file") { try measureTracetopFile() }
        reportTracetop()
        notes.append("load average at end \(Machine.loadAverage)")
    }

    private mutating func buildWorkload() throws {
        let started = ContinuousClock.now
        workload = Workload(
            seed: options.seed, poolSpans: options.poolSpans, databaseSpans: options.spans,
            exportBatch: options.batch, now: UnixTime.nowNanoseconds())
        let seconds = (ContinuousClock.now - started).seconds
        let line = String(
            format:
                "workload: %d requests, %d spans, %.0f B of OTLP JSON and %.1f attributes per span on average, %d rounds per day; generated in %.1f s",
            workload.bodies.count, workload.spanCount, workload.averageSpanBytes, workload.averageAttributes, workload.roundsPerDay, seconds
        )
        progress(line)
        notes.append(line)
    }

    private mutating func measureDecoding() throws {
        let runs = options.runs, seconds = options.decodeSeconds
        if options.runs("decode") { try measureJSONDecoding() }
        let protobufRate = try DecodeBenchmark.megabytesPerSecond(
            runs: runs, minSeconds: seconds, bodies: workload.protobufBodies, decode: DecodeBenchmark.otlpProtobuf)
        progress(String(format: "decode: protobuf %.0f MB/s", protobufRate))
        let protobufBytes = workload.protobufBodies.reduce(0) { $0 + $1.count }
        let spansPerSecond = protobufRate * 1e6 / (Double(protobufBytes) / Double(workload.spanCount))
        table.add(
            "OTLP protobuf decode, one core", protobufRate, unit: "MB/s", goal: .none,
            limit: String(format: "= %.0f spans/s", spansPerSecond))
    }

    private mutating func measureJSONDecoding() throws {
        let json = workload.bodies.map(\.template)
        let runs = options.runs, seconds = options.decodeSeconds
        let jsonRate = try DecodeBenchmark.megabytesPerSecond(
            runs: runs, minSeconds: seconds, bodies: json, decode: DecodeBenchmark.otlpJSON)
        let foundationRate = try DecodeBenchmark.megabytesPerSecond(
            runs: runs, minSeconds: seconds, bodies: json, decode: DecodeBenchmark.foundationJSON)
        progress(String(format: "decode: OTLP JSON %.0f MB/s, Foundation JSONSerialization %.0f MB/s", jsonRate, foundationRate))
        table.add(
            "OTLP JSON decode, one core", jsonRate, unit: "MB/s", goal: .atLeast(150),
            limit: String(format: "Foundation JSONSerialization (untyped) %.0f MB/s", foundationRate), ratio: jsonRate / foundationRate)
    }

    private mutating func measureNoopEndpoint() async throws {
        var rates: [Double] = []
        let workload = self.workload!, options = self.options
        for _ in 0..<options.runs {
            let outcome = try await InProcessServer.with({ NoopEndpoint.application(onListening: $0) }) { port in
                await LoadDriver(port: port, path: "/v1/traces", workload: workload, clients: options.clients)
                    .run(firstRequest: 0, maxRequests: Int.max / 2, seconds: options.noopSeconds)
            }
            if let failure = outcome.failure { throw BenchFailure("no-op endpoint: \(failure)") }
            rates.append(outcome.spansPerSecond)
        }
        noopSpansPerSecond = Statistics.median(rates)
        progress(
            String(
                format: "no-op HTTP endpoint: %.0f spans/s (median of %d × %.1f s)", noopSpansPerSecond, rates.count, options.noopSeconds))
    }

    func progress(_ line: String) {
        FileHandle.standardError.write(Data("[\(Machine.clockTime)] \(line)\n".utf8))
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

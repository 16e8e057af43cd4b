import Foundation

/// The collector as a process of its own (`CollectorProcess`): its resident high-water mark (VmHWM) through
/// `--duration` seconds of ingest with `--clients` clients into an empty file, then through the query phase.
/// The target is the process's own peak, which the in-process figures cannot isolate.
extension BenchRun {
    mutating func measureCollectorProcess() async throws {
        guard let executable = CollectorProcess.executable else {
            notes.append(
                "collector process alone: not measured, no tracetop-collector beside tracetop-bench (`swift build -c release` builds it)")
            return
        }
        let collector = try CollectorProcess(executable: executable, databasePath: directory + "/process.db")
        defer { collector.stop() }
        let atStart = collector.peakResidentBytes
        progress("collector as a process of its own: ingest for \(options.duration) s with \(options.clients) clients…")
        let ingest = await LoadDriver(port: collector.port, path: "/v1/traces", workload: workload, clients: options.clients).run(
            firstRequest: 0, maxRequests: Int.max / 2, seconds: options.duration)
        try ingest.check("ingest into the collector process")
        let ingestPeak = collector.peakResidentBytes
        collector.resetPeak()
        progress("  \(ingest.spans) spans; the query phase…")
        let client = try LoopbackHTTPClient(port: collector.port)
        try Self.postBigTrace(client: client, workload: workload)
        _ = try Self.measureQueries(QueryBenchmark(client: client, runs: options.queryRuns), correlation: workload.correlation)
        let queryPeak = collector.peakResidentBytes
        let megabytes = { (bytes: Int) in Double(bytes) / 1_048_576 }
        table.add(
            "collector process alone: peak RSS (VmHWM), \(Int(options.duration)) s ingest, \(options.clients) clients",
            megabytes(ingestPeak),
            unit: "MB", goal: .atMost(100),
            limit: String(format: "%.0f spans/s, %d spans; %.0f MB when ready", ingest.spansPerSecond, ingest.spans, megabytes(atStart)))
        table.add(
            "collector process alone: peak RSS (VmHWM), query phase", megabytes(queryPeak), unit: "MB", goal: .atMost(100),
            limit: "the queries above, on the \(ingest.spans)-span file it just filled")
    }
}

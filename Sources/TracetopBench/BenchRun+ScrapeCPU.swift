import Collector
import Foundation
import TraceStore

/// The CPU one `/metrics` scrape costs, which bounds what scraping can take from ingest however noisy the
/// machine: ingest is CPU-bound on 2 cores, so a scrape every `interval` can slow it by at most its share of the
/// machine's CPU time, plus any lock it holds the writer on (the paired ratios and the back-to-back
/// `storageUsage` figure look for that). Measured on a collector that has ingested a little (so every series
/// exists) and is otherwise idle: the process's CPU time over a run of scrapes back to back, the client's
/// side included, so the figure is an upper bound.
extension BenchRun {
    struct ScrapeCPU {
        var millisPerScrape: Double
        var scrapes: Int

        /// Percent of the machine's CPU time scraping every `interval` takes.
        func share(every interval: Duration) -> Double {
            millisPerScrape / (interval.seconds * 1000 * Double(ProcessInfo.processInfo.activeProcessorCount)) * 100
        }
    }

    func measureScrapeCPU() async throws -> ScrapeCPU {
        let path = directory + "/scrape-cpu.db"
        func removeFiles() { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        removeFiles()
        defer { removeFiles() }
        let store = try SQLiteTraceStore(path: path)
        let configuration = CollectorConfiguration(port: 0, databasePath: path)
        let workload = self.workload!, seconds = options.quick ? 0.3 : 3.0
        return try await InProcessServer.with({ onListening in
            try Collector.buildApplication(
                configuration: configuration, store: store, logger: InProcessServer.quietLogger, onListening: onListening)
        }) { port in
            try await LoadDriver(port: port, path: "/v1/traces", workload: workload, clients: 2)
                .run(firstRequest: 0, maxRequests: 20, seconds: 10).check("ingest before the scrapes")
            let probe = RepeatingProbe(every: .zero, try RepeatingProbe.scrape(port: port))
            let cpuBefore = Self.processCPUSeconds()
            probe.start()
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            let scrapes = try probe.stop().count
            let cpu = Self.processCPUSeconds() - cpuBefore
            return ScrapeCPU(millisPerScrape: cpu * 1000 / Double(max(scrapes, 1)), scrapes: scrapes)
        }
    }
}

import Collector
import Foundation
import Synchronization
import TraceStore

/// What a Prometheus scrape costs ingest: the same load into a fresh database, without and with `/metrics`
/// fetched every 100 ms (ten times more often than Prometheus' usual 1 s at its most eager), as a ratio.
extension BenchRun {
    static let scrapeInterval = Duration.milliseconds(100)

    mutating func measureScrapeCost() async throws {
        var ratios: [Double] = []
        var scrapeMillis: [Double] = []
        for run in 1...options.runs {
            progress("ingest without and with /metrics scraped every 100 ms (\(run) of \(options.runs)), \(options.duration) s each…")
            // Alternating which goes first: the second of a pair ran measurably faster either way (a warmer allocator
            // and page cache), which would otherwise read as the scrape's effect.
            let scrapedFirst = run % 2 == 0
            let first = try await ingestForScrapeCost(scraping: scrapedFirst)
            let second = try await ingestForScrapeCost(scraping: !scrapedFirst)
            let (quiet, scraped) = scrapedFirst ? (second, first) : (first, second)
            ratios.append(scraped.outcome.spansPerSecond / quiet.outcome.spansPerSecond)
            scrapeMillis += scraped.scrapeMillis
            progress(String(format: "  %.0f spans/s without, %.0f with (%d scrapes)", quiet.outcome.spansPerSecond,
                            scraped.outcome.spansPerSecond, scraped.scrapeMillis.count))
        }
        let median = ratios.sorted()[ratios.count / 2]
        scrapeMillis.sort()
        table.add("ingest while /metrics is scraped every 100 ms (÷ without), median of \(ratios.count)", median * 100, unit: "%",
                  goal: .atLeast(95),
                  limit: String(format: "ratios %@; a scrape took %.1f ms median, %.1f ms slowest",
                                ratios.map { String(format: "%.3f", $0) }.joined(separator: ", "),
                                scrapeMillis.isEmpty ? .nan : scrapeMillis[scrapeMillis.count / 2], scrapeMillis.last ?? .nan))
    }

    private func ingestForScrapeCost(scraping: Bool) async throws -> (outcome: LoadDriver.Outcome, scrapeMillis: [Double]) {
        let path = directory + "/scrape.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try SQLiteTraceStore(path: path)
        let configuration = CollectorConfiguration(port: 0, databasePath: path)
        let workload = self.workload!, options = self.options
        return try await InProcessServer.with({ onListening in
            try Collector.buildApplication(configuration: configuration, store: store, logger: InProcessServer.quietLogger, onListening: onListening)
        }) { port in
            let scraper = scraping ? try Scraper(port: port) : nil
            scraper?.start()
            let outcome = await LoadDriver(port: port, path: "/v1/traces", workload: workload, clients: options.clients)
                .run(firstRequest: 0, maxRequests: Int.max / 2, seconds: options.duration)
            let millis = try scraper?.stop() ?? []
            try outcome.check("ingest \(scraping ? "with" : "without") scraping")
            return (outcome, millis)
        }
    }
}

/// Fetches `/metrics` on a thread of its own every `BenchRun.scrapeInterval`, as Prometheus would.
private final class Scraper: Sendable {
    private let port: Int
    private let stopped = Atomic(false)
    private let result = Mutex<Result<[Double], any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(port: Int) throws { self.port = port }

    func start() {
        Thread { [self] in
            let outcome = Result { () throws -> [Double] in
                let client = try LoopbackHTTPClient(port: port)
                var millis: [Double] = []
                while !stopped.load(ordering: .relaxed) {
                    let started = ContinuousClock.now
                    let response = try client.get("/metrics")
                    guard response.status == 200, response.body.count > 1000 else {
                        throw BenchFailure("/metrics answered \(response.status) with \(response.body.count) bytes")
                    }
                    let elapsed = ContinuousClock.now - started
                    millis.append(elapsed.seconds * 1000)
                    Thread.sleep(forTimeInterval: max(0, (BenchRun.scrapeInterval - elapsed).seconds))
                }
                return millis
            }
            result.withLock { $0 = outcome }
            done.signal()
        }.start()
    }

    /// The scrape times in milliseconds; throws what a scrape met.
    func stop() throws -> [Double] {
        stopped.store(true, ordering: .relaxed)
        done.wait()
        return try result.withLock { $0! }.get()
    }
}

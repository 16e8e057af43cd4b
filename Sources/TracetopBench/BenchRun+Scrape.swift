import Collector
import Foundation
import TraceStore

/// What a Prometheus scrape costs ingest, as the median of many short paired ratios (see `PairedRatios`):
/// ingest while `/metrics` is fetched every second (as eager as Prometheus is usually set; its default is every
/// 15 s) ÷ ingest without; the same every 100 ms, a stress figure; and a control, no scraping in either phase,
/// which shows the noise of the method on this machine. On a shared 2-core machine that noise is wider than a
/// few percent, so the target is also judged on a bound the noise cannot hide: the CPU a scrape costs, as a
/// share of the machine (`measureScrapeCPU`). Each runs on a
/// collector of its own over a fresh database, the phases back to back with new trace ids throughout.
///
/// Beside them, what a scrape is made of: the whole GET, the registry's `emit`, and the store's `storageUsage`
/// (a SQLite read transaction), which `/metrics` called on every scrape until its levels were cached
/// (`SpaceLevels`). The stress figure is measured a second way, with a `storageUsage` call added to each scrape,
/// which is what a scrape cost before (the same work, from the scraper's thread instead of the handler's);
/// and `storageUsage` also runs back to back during ingest — a far harsher load than any scrape — to show
/// whether a reader holds up the writer or its checkpoints.
extension BenchRun {
    static let realisticScrapeInterval = Duration.seconds(1)
    static let stressScrapeInterval = Duration.milliseconds(100)

    private enum Treatment {
        /// `withStorageUsage`: a `storageUsage` call after each scrape, as the handler made before levels were cached.
        case scrape(every: Duration, withStorageUsage: Bool = false)
        case storageUsageBackToBack
        /// The control: the "treated" phase does nothing more than the other.
        case nothing
    }

    private struct PairedOutcome {
        var ratios = PairedRatios()
        /// Milliseconds each scrape (or `storageUsage` call) took during the treated phases.
        var callMillis: [Double] = []
        /// Microseconds one `emit` of the collector's registry took, measured after the pairs (median).
        var emitMicros = Double.nan

        func callMillis(at q: Double) -> Double {
            guard !callMillis.isEmpty else { return .nan }
            let sorted = callMillis.sorted()
            return sorted[min(sorted.count - 1, Int(q * Double(sorted.count - 1)))]
        }
    }

    /// Seconds per phase: short, so that many pairs fit (`--duration 10` gives 2 s phases).
    private var scrapePhaseSeconds: Double { options.quick ? 0.5 : min(max(options.duration / 5, 1), 5) }
    private var scrapePairCount: Int { options.quick ? 2 : 12 }

    mutating func measureScrapeCost() async throws {
        let phase = scrapePhaseSeconds
        progress("scrape cost: \(scrapePairCount) pairs of \(phase) s phases per figure, order alternating")
        let control = try await pairedIngest(.nothing, label: "control (no scraping either side)")
        let realistic = try await pairedIngest(.scrape(every: Self.realisticScrapeInterval), label: "scraped every 1 s")
        let stress = try await pairedIngest(.scrape(every: Self.stressScrapeInterval), label: "scraped every 100 ms")
        let uncached = try await pairedIngest(
            .scrape(every: Self.stressScrapeInterval, withStorageUsage: true),
            label: "scraped every 100 ms, a storageUsage() with each (as before the cache)")
        let reader = try await pairedIngest(.storageUsageBackToBack, label: "storageUsage() back to back")
        let cpu = try await measureScrapeCPU()
        progress(String(format: "  a scrape costs %.3f ms of CPU (%d scrapes back to back)", cpu.millisPerScrape, cpu.scrapes))
        let noise = "control (no scrape either side): " + control.ratios.summary
        table.add(
            "ingest while /metrics is scraped every 1 s (÷ without), median of \(realistic.ratios.count) pairs",
            realistic.ratios.median * 100, unit: "%", goal: .atLeast(98),
            limit: realistic.ratios.summary + "; " + noise)
        table.add(
            "ingest while /metrics is scraped every 100 ms (÷ without; stress), median of \(stress.ratios.count) pairs",
            stress.ratios.median * 100, unit: "%", goal: .atLeast(95),
            limit: stress.ratios.summary
                + String(
                    format: "; a scrape took %.2f ms median, %.2f ms p99; emit %.0f µs",
                    stress.callMillis(at: 0.5), stress.callMillis(at: 0.99), stress.emitMicros))
        table.add(
            "CPU one /metrics scrape costs (server and client), as a share of the machine's CPU at one scrape per 1 s",
            cpu.share(every: Self.realisticScrapeInterval), unit: "%", goal: .atMost(0.5),
            limit: String(
                format: "%.3f ms of CPU per scrape (%d back to back on an idle collector); every 100 ms: %.2f %%",
                cpu.millisPerScrape, cpu.scrapes, cpu.share(every: Self.stressScrapeInterval)))
        table.add(
            "the same with a storageUsage() per scrape, as /metrics did before caching levels", uncached.ratios.median * 100, unit: "%",
            goal: .none, limit: uncached.ratios.summary)
        table.add(
            "ingest while the store's storageUsage() runs back to back (÷ without)", reader.ratios.median * 100, unit: "%", goal: .none,
            limit: reader.ratios.summary
                + String(
                    format: "; %d calls, %.3f ms median, %.2f ms p99", reader.callMillis.count,
                    reader.callMillis(at: 0.5), reader.callMillis(at: 0.99)))
    }

    private func pairedIngest(_ treatment: Treatment, label: String) async throws -> PairedOutcome {
        let path = directory + "/scrape.db"
        func removeFiles() { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        removeFiles()
        defer { removeFiles() }
        let store = try SQLiteTraceStore(path: path)
        let metrics = CollectorMetrics()
        let configuration = CollectorConfiguration(port: 0, databasePath: path)
        let workload = self.workload!, options = self.options
        let phase = scrapePhaseSeconds, pairs = scrapePairCount
        return try await InProcessServer.with({ onListening in
            try Collector.buildApplication(
                configuration: configuration, store: store, logger: InProcessServer.quietLogger, metrics: metrics,
                onListening: onListening)
        }) { port in
            var next = 0
            func ingest(treated: Bool, into outcome: inout PairedOutcome) async throws -> Double {
                var probe: RepeatingProbe?
                let readSpace: @Sendable () async throws -> Void = { _ = try await store.storageUsage() }
                if treated {
                    switch treatment {
                    case .scrape(let interval, let withStorageUsage):
                        probe = RepeatingProbe(
                            every: interval, try RepeatingProbe.scrape(port: port, then: withStorageUsage ? readSpace : nil))
                    case .storageUsageBackToBack:
                        probe = RepeatingProbe(every: .zero, RepeatingProbe.blocking(readSpace))
                    case .nothing:
                        probe = nil
                    }
                }
                probe?.start()
                let result = await LoadDriver(port: port, path: "/v1/traces", workload: workload, clients: options.clients)
                    .run(firstRequest: next, maxRequests: Int.max / 2, seconds: phase)
                outcome.callMillis += try probe?.stop() ?? []
                try result.check("ingest, \(label)")
                // New trace ids in every phase: a ticket taken at the deadline may not have been counted.
                next += result.requests + options.clients
                return result.spansPerSecond
            }
            var outcome = PairedOutcome()
            _ = try await ingest(treated: false, into: &outcome)  // warm-up: the first seconds of a new file run faster
            for pair in 0..<pairs {
                // Alternating which goes first: the second of a pair ran measurably faster either way.
                let treatedFirst = pair % 2 == 1
                let first = try await ingest(treated: treatedFirst, into: &outcome)
                let second = try await ingest(treated: !treatedFirst, into: &outcome)
                outcome.ratios.add(treated: treatedFirst ? first : second, untreated: treatedFirst ? second : first)
            }
            outcome.emitMicros = Self.emitMicros(metrics)
            progress("  \(label): \(outcome.ratios.summary)")
            return outcome
        }
    }

    /// The median time of one `emit` of the registry, as `/metrics` does it, with every series the pairs made.
    private static func emitMicros(_ metrics: CollectorMetrics) -> Double {
        var micros: [Double] = []
        for _ in 0..<200 {
            let started = ContinuousClock.now
            _ = metrics.exposition()
            micros.append((ContinuousClock.now - started).seconds * 1e6)
        }
        return micros.sorted()[micros.count / 2]
    }
}

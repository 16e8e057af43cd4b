import Collector
import Foundation
import TraceModel
import TraceStore
import WireCodecs

/// The store's writer alone, on one thread: the workload's requests decoded, flattened and prepared
/// beforehand (as the collector's request handlers do), then committed `requestsPerCommit` at a time into a
/// fresh database. Ingest over HTTP cannot be faster than this: it is the ceiling the single writer sets.
extension BenchRun {
    /// About what a group commit holds when 8 clients keep requests waiting.
    static let requestsPerCommit = 8

    mutating func measureStoreWriter() async throws {
        let path = directory + "/writer-alone.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let workload = self.workload!
        let keys = CorrelationKeys()
        // Rounds give fresh trace ids, as in the ingest phases; enough of them to outlast the timed part.
        let store = try SQLiteTraceStore(path: path)
        var requests: [PreparedWrite] = []
        let wanted = options.quick ? 5_000 : 300_000
        var spans = 0
        var round = 1_000
        while spans < wanted {
            for body in workload.bodies {
                let decoded = try OTLPJSON.decodeTraces(body.bytes(round: UInt32(round), shiftNanos: workload.shift(round: round)))
                let batch = store.prepare(IngestBatches.batch(decoded.data, correlationKeys: keys))
                spans += batch.batch.spans.count
                requests.append(batch)
            }
            round += 1
        }
        var written = 0
        let started = ContinuousClock.now
        let cpuStarted = Self.processCPUSeconds()
        var index = 0
        while index < requests.count, (ContinuousClock.now - started).seconds < options.duration {
            let commit = Array(requests[index..<min(index + Self.requestsPerCommit, requests.count)])
            index += Self.requestsPerCommit
            try await store.write(commit)
            written += commit.reduce(0) { $0 + $1.batch.spans.count }
        }
        let rate = Double(written) / (ContinuousClock.now - started).seconds
        // CPU time is what the writer costs whatever else shares the machine: the process does nothing else now.
        let perCPUSecond = Double(written) / (Self.processCPUSeconds() - cpuStarted)
        storeWriterSpansPerSecond = rate
        progress(
            String(
                format: "store writer alone: %.0f spans/s, %.0f spans per CPU second (%d spans, %d requests per commit)",
                rate, perCPUSecond, written, Self.requestsPerCommit))
        table.add(
            "store writer alone, one thread, no HTTP, \(Self.requestsPerCommit) requests/commit", rate, unit: "spans/s", goal: .none,
            limit: String(format: "%.0f spans per CPU second; ingest ÷ this = %.2f", perCPUSecond, ingestSpansPerSecond / rate))
    }

    /// User + system CPU time of the whole process.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

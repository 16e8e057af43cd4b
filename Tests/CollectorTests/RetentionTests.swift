@testable import Collector
import Foundation
import Logging
import Testing
import TraceModel
import TraceStore

/// Retention: expired data goes while fresh data stays, and a database past its size limit stops growing,
/// both enforced in steps short enough that ingest is never held up for long.
@Suite struct RetentionTests {
    private static let hour: UInt64 = 3_600_000_000_000
    private static let now: UInt64 = 1_764_000_000_000_000_000

    private static func temporaryStore(log: WriteAheadLog = WriteAheadLog()) throws -> (SQLiteTraceStore, String, () -> Void) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-retention-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("retention.db").path
        return (try SQLiteTraceStore(path: path, log: log), path, { try? FileManager.default.removeItem(at: directory) })
    }

    /// `traces` traces of 3 spans and as many logs, all at `time`, with `padding` bytes of attribute per span.
    private static func batch(first: Int, traces: Int, time: UInt64, padding: Int = 0) -> WriteBatch {
        let resource = Resource(attributes: [KeyValue("service.name", .string("kept"))])
        var batch = WriteBatch()
        for n in first..<(first + traces) {
            let traceID = TraceID(high: 0x7e7e, low: UInt64(n + 1))
            // One microsecond apart: "the oldest" is one trace, never a tie.
            let time = time + UInt64(n - first) * 1_000
            for index in 0..<3 {
                let span = Span(
                    traceID: traceID, spanID: SpanID(UInt64(index + 1)), parentSpanID: index == 0 ? nil : SpanID(1), name: "op",
                    startTimeUnixNano: time + UInt64(index), endTimeUnixNano: time + 1_000_000,
                    attributes: [KeyValue("padding", .string(IncompressibleText.letters(padding, seed: UInt64(n * 3 + index))))])
                batch.spans.append(SpanRecord(span: span, resource: resource, correlationIDs: ["c-\(n)"]))
            }
            let record = LogRecord(timeUnixNano: time, severityNumber: 9, body: .string("log \(n)"), traceID: traceID)
            batch.logs.append(LogEntry(record: record, resource: resource, receivedTimeUnixNano: time, correlationIDs: ["c-\(n)"]))
        }
        return batch
    }

    private static func enforce(_ enforcer: inout RetentionEnforcer) async throws {
        for _ in 0..<10_000 where try await enforcer.step() {}
    }

    @Test func expiredDataGoesAndFreshDataStays() async throws {
        let (store, _, cleanup) = try Self.temporaryStore()
        defer { cleanup() }
        try await store.write(Self.batch(first: 0, traces: 500, time: Self.now - 100 * Self.hour))
        try await store.write(Self.batch(first: 500, traces: 40, time: Self.now - 1 * Self.hour))
        let policy = RetentionPolicy(maxAgeNanos: 72 * Self.hour, initialBatch: 64)
        var enforcer = RetentionEnforcer(policy: policy, store: store, logger: Logger(label: "test"), now: { Self.now })
        try await Self.enforce(&enforcer)

        let statistics = try await store.statistics()
        #expect(statistics.traceCount == 40)
        #expect(statistics.spanCount == 120)
        #expect(statistics.logCount == 40)
        #expect(try await store.trace(TraceID(high: 0x7e7e, low: 1)).isEmpty)
        #expect(try await store.trace(TraceID(high: 0x7e7e, low: 501)).count == 3)
        #expect(try await store.logs(LogQuery(correlationID: "c-3")).isEmpty)
        #expect(try await store.logs(LogQuery(correlationID: "c-503")).count == 1)
        #expect(try await store.traceSummaries(TraceQuery(correlationID: "c-3", limit: 10)).isEmpty)
        let oldLatency = try await store.latency(LatencyQuery(fromNanos: Self.now - 101 * Self.hour, toNanos: Self.now - 99 * Self.hour))
        #expect(oldLatency.allSatisfy { $0.figures.count == 0 })
        let freshLatency = try await store.latency(LatencyQuery(fromNanos: Self.now - 2 * Self.hour, toNanos: Self.now))
        #expect(freshLatency.map(\.figures.count).reduce(0, +) == 120)
        #expect(try await store.integrityCheck() == "ok")
        #expect(enforcer.deletedRows == 1000)
    }

    @Test func aDatabaseOverItsLimitStopsGrowing() async throws {
        let limit = 4 << 20
        // As the collector opens it: the log adds at most an eighth of the limit (here SQLite's 4 MB minimum).
        let (store, path, cleanup) = try Self.temporaryStore(log: .within(maxDatabaseBytes: limit))
        defer { cleanup() }
        let policy = RetentionPolicy(maxDatabaseBytes: limit, initialBatch: 32)
        var enforcer = RetentionEnforcer(policy: policy, store: store, logger: Logger(label: "test"), now: { Self.now })
        var sizes: [Int] = []
        var bytesPerTrace = 0
        // About 15 MB written in 1.2 MB batches, retention running between them as it would between commits.
        for round in 0..<12 {
            try await store.write(
                Self.batch(first: round * 400, traces: 200, time: Self.now + UInt64(round) * 1_000_000_000, padding: 2_000))
            // A trace with its 3 spans and its log, as the file measures it (the first round fits whole).
            if round == 0 { bytesPerTrace = try await store.storageUsage().usedBytes / 200 }
            try await Self.enforce(&enforcer)
            sizes.append(try await store.storageUsage().allocatedBytes)
        }
        let fits = policy.sizeTargetBytes! / bytesPerTrace
        let onDisk = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let kept = try await store.statistics()
        print(
            "retention by size kept \(kept.traceCount) traces, \(kept.logCount) logs of \(fits) that fit under the target (\(bytesPerTrace) bytes each); usage \(try await store.storageUsage()); slack \(enforcer.slackBytes)"
        )
        print(
            "retention by size: limit \(limit) bytes; file after each round \(sizes); on disk \(onDisk); longest step \(enforcer.longestStepNanos / 1_000_000) ms"
        )
        #expect(sizes.dropFirst(4).allSatisfy { $0 <= limit }, "file passed the limit: \(sizes)")
        #expect(onDisk <= limit + (6 << 20), "the file on disk (checkpoint lag allowed) is \(onDisk)")
        let logOnDisk = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(logOnDisk <= 8 << 20, "the write-ahead log on disk is \(logOnDisk)")
        #expect(enforcer.longestStepNanos < 500_000_000)
        // The newest data is all there; the oldest went.
        #expect(try await store.trace(TraceID(high: 0x7e7e, low: UInt64(11 * 400 + 200))).count == 3)
        // Deletes steer by the bytes they free, not by whole free pages (which lag): it keeps most of what fits.
        // Three quarters allows for the estimate's overheads and the last round's partly deleted pages.
        #expect(kept.traceCount >= fits * 3 / 4, "kept \(kept.traceCount) traces of the \(fits) that fit")
        #expect(try await store.trace(TraceID(high: 0x7e7e, low: 1)).isEmpty)
        #expect(try await store.integrityCheck() == "ok")
    }

    /// Two real collectors over HTTP, their files prefilled alike to five times a size limit; one enforces it.
    /// Small ingest requests go to each in turn, one after another, until retention has brought its file under the
    /// limit: both see the same machine at the same moments (the whole suite runs in parallel on 2 cores), so
    /// what the one with retention waits longer is retention's doing. Its 99th percentile must be within 100 ms of
    /// the other's (the slowest single answer is recorded, not yet guaranteed).
    @Test func retentionNeverHoldsIngestUpLong() async throws {
        let limit = 6 << 20
        let policy = RetentionPolicy(maxDatabaseBytes: limit, checkIntervalNanos: 50_000_000)
        let prefill: @Sendable (SQLiteTraceStore) async throws -> Void = { store in
            // About 30 MB (15 kB a trace with its log), from 2023: older than the requests below (2024), so
            // retention deletes these first.
            for round in 0..<10 {
                let time = 1_700_000_000_000_000_000 + UInt64(round) * 1_000_000_000
                try await store.write(Self.batch(first: round * 200, traces: 200, time: time, padding: 2_000))
            }
        }
        try await LiveCollector.with(configure: { $0.retention = policy }, prepare: prefill) { enforcing in
            // The same write-ahead log as the other's (its size follows the size limit): otherwise this one would
            // checkpoint far less often, and the comparison would measure that instead of retention.
            let sameLog = { (configuration: inout CollectorConfiguration) in
                configuration.retention = RetentionPolicy()
                configuration.writeAheadLogBytes = WriteAheadLog.within(maxDatabaseBytes: limit).maxBytes
            }
            try await LiveCollector.with(configure: sameLog, prepare: prefill) { plain in
                func sendOne(_ number: Int, to live: LiveCollector) async throws -> Duration {
                    let traceID = String(format: "%032x", 0xabc0_0000 + number)
                    let started = ContinuousClock.now
                    let answer = try await HTTP.post(live.base + "/v1/traces", json: Data(HostileRequests.traces(traceID: traceID).utf8))
                    #expect(answer.status == 200)
                    return ContinuousClock.now - started
                }
                var (withRetention, without): ([Duration], [Duration]) = ([], [])
                let deadline = ContinuousClock.now + .seconds(90)
                // At least 100 pairs, so the 99th percentile is not just the slowest (in the parallel suite retention can
                // finish within 30 requests; the pairs after it then count on both sides alike).
                while ContinuousClock.now < deadline,
                    try await enforcing.store.storageUsage().allocatedBytes > limit || withRetention.count < 100
                {
                    withRetention.append(try await sendOne(withRetention.count, to: enforcing))
                    without.append(try await sendOne(without.count, to: plain))
                }
                let fileAfter = try await enforcing.store.storageUsage().allocatedBytes
                let (sorted, sortedWithout) = (withRetention.sorted(), without.sorted())
                print(
                    """
                    retention under ingest: \(sorted.count) requests while it deleted ~24 MB and gave the pages back \
                    (file \(fileAfter) bytes after, limit \(limit)): median \(sorted[sorted.count / 2]), \
                    p99 \(sorted[(sorted.count * 99 + 99) / 100 - 1]), slowest \(sorted.last!); the same requests to the same \
                    collector without retention at the same moments: median \(sortedWithout[sortedWithout.count / 2]), \
                    slowest \(sortedWithout.last!)
                    """)
                #expect(fileAfter <= limit, "retention did not bring the file under its limit in 90 s")
                let (p99, p99Without) = (
                    sorted[(sorted.count * 99 + 99) / 100 - 1], sortedWithout[(sortedWithout.count * 99 + 99) / 100 - 1]
                )
                #expect(p99 < p99Without + .milliseconds(100), "99th percentile \(p99) beside retention, \(p99Without) without")
                // The slowest single request is not yet reliably within 100 ms: a step's commit (its fsync) and the
                // WAL checkpoints its writes bring on are outside the step's own time limit (RELIABILITY.md).
                withKnownIssue("a single ingest request can wait over 100 ms more beside retention", isIntermittent: true) {
                    #expect(
                        sorted.last! < sortedWithout.last! + .milliseconds(100),
                        "an ingest request waited \(sorted.last!) beside retention (\(sortedWithout.last!) at most without it)")
                }
            }
        }
    }

    @Test func newDatabasesCanShrinkInSteps() async throws {
        let (store, _, cleanup) = try Self.temporaryStore()
        defer { cleanup() }
        try await store.write(Self.batch(first: 0, traces: 300, time: Self.now, padding: 2_000))
        let full = try await store.storageUsage()
        _ = try await store.deleteOldest(before: Self.now + Self.hour, within: DeletionLimits(rows: 1_000))
        let emptied = try await store.storageUsage()
        #expect(emptied.reclaimableBytes > full.allocatedBytes / 2)
        try await store.reclaimStorage(maxBytes: 1 << 30)
        let reclaimed = try await store.storageUsage()
        #expect(reclaimed.allocatedBytes < full.allocatedBytes / 4, "incremental_vacuum did not shrink the file: \(full) → \(reclaimed)")
    }
}

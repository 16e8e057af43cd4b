import Foundation
import Testing
import TraceModel
import TraceStore

/// The indexes keyed by trace sequence number first (v7: tags, correlation ids, duration order) over more traces
/// than one block holds, so every lookup crosses blocks and superblocks of 2,048 traces.
@Suite struct BlockIndexTests {
    static let traceCount: UInt64 = 5_000

    /// One root span per trace, written in commits of 250 like the collector's group commits.
    private static func store(_ span: (UInt64) -> SpanRecord) async throws -> (SQLiteTraceStore, TemporaryDatabase) {
        let file = try TemporaryDatabase()
        let store = try SQLiteTraceStore(path: file.path)
        for first in stride(from: UInt64(1), through: traceCount, by: 250) {
            try await store.write(WriteBatch(spans: (first..<(first + 250)).map(span)))
        }
        return (store, file)
    }

    @Test func tagSearchFindsEveryMatchInEverySuperblock() async throws {
        let (store, file) = try await Self.store { n in
            Make.record(
                Make.span(
                    trace: n, id: 1, startMs: n,
                    attributes: [
                        KeyValue("http.response.status_code", .int(n % 97 == 0 || (2_016...2_047).contains(n) ? 500 : 200))
                    ]))
        }
        defer { file.remove() }
        // Traces 2,016-2,047 fill the last block (bit 63) of the first superblock.
        let expected = Set((1...Self.traceCount).filter { $0 % 97 == 0 || (2_016...2_047).contains($0) }.map(Make.traceID))
        let found = try await store.traceSummaries(TraceQuery(tags: ["http.response.status_code": "500"], limit: 10_000))
        #expect(Set(found.map(\.traceID)) == expected)
        #expect(found.count == expected.count)
        #expect(try await store.traceSummaries(TraceQuery(tags: ["http.response.status_code": "418"])).isEmpty)
    }

    @Test func correlationIDsAreFoundAcrossBlocksNewestFirst() async throws {
        let (store, file) = try await Self.store { n in
            // Every trace has its own id; every 1,000th also carries "session-7", one with the most ids a trace keeps.
            var ids = ["req-\(n)"]
            if n % 1_000 == 0 { ids.append("session-7") }
            if n == 4_321 { ids += (0..<100).map { "many-\($0)" } }
            return Make.record(Make.span(trace: n, id: 1, startMs: n), correlation: ids)
        }
        defer { file.remove() }
        let shared = try await store.traceSummaries(TraceQuery(correlationID: "session-7", limit: 100))
        #expect(shared.map(\.traceID) == [5_000, 4_000, 3_000, 2_000, 1_000].map(Make.traceID))
        #expect(try await store.traceSummaries(TraceQuery(correlationID: "req-2049")).map(\.traceID) == [Make.traceID(2_049)])
        #expect(try await store.traceSummaries(TraceQuery(correlationID: "req-0")).isEmpty)
        #expect(try await store.correlationIDs(ofTrace: Make.traceID(3_000)) == ["req-3000", "session-7"])
        // A trace keeps at most 64 ids: the first it was sent.
        let many = try await store.correlationIDs(ofTrace: Make.traceID(4_321))
        #expect(many.count == 64)
        #expect(many.contains("req-4321"))
        #expect(try await store.traceSummaries(TraceQuery(correlationID: "many-62")).map(\.traceID) == [Make.traceID(4_321)])
        #expect(try await store.traceSummaries(TraceQuery(correlationID: "many-63")).isEmpty)
    }

    /// Retention drops a block's index rows only with its last trace: traces left in a partly deleted block are
    /// still found by tag and by correlation id.
    @Test func lookupsFindWhatRetentionLeftInPartlyDeletedBlocks() async throws {
        let (store, file) = try await Self.store { n in
            var ids = ["req-\(n)"]
            if n % 1_000 == 0 { ids.append("session-7") }
            let status: Int64 = n % 97 == 0 ? 500 : 200
            return Make.record(
                Make.span(trace: n, id: 1, startMs: n, attributes: [KeyValue("http.response.status_code", .int(status))]),
                correlation: ids)
        }
        defer { file.remove() }
        // Traces 1-2,999 go: the first superblock and block (seqs below 2,048) wholly, the second in part.
        var deleted = 0
        while true {
            let step = try await store.deleteOldest(before: Make.base + 3_000 * 1_000_000, within: DeletionLimits(rows: 1_000))
            if step.rows == 0 { break }
            deleted += step.rows
        }
        #expect(deleted == 2_999)
        let tagged = try await store.traceSummaries(TraceQuery(tags: ["http.response.status_code": "500"], limit: 10_000))
        #expect(Set(tagged.map(\.traceID)) == Set((3_000...Self.traceCount).filter { $0 % 97 == 0 }.map(Make.traceID)))
        #expect(
            try await store.traceSummaries(TraceQuery(correlationID: "session-7")).map(\.traceID) == [5_000, 4_000, 3_000].map(Make.traceID)
        )
        #expect(try await store.traceSummaries(TraceQuery(correlationID: "req-3001")).map(\.traceID) == [Make.traceID(3_001)])
        #expect(try await store.traceSummaries(TraceQuery(correlationID: "req-2999")).isEmpty)
        // A narrow window sorted by duration (the other plan: `traces_by_start`) gives the same answer.
        let window = TraceQuery(startFromNanos: Make.base + 4_000 * 1_000_000, startToNanos: Make.base + 4_009 * 1_000_000, sort: .duration)
        #expect(Set(try await store.traceSummaries(window).map(\.traceID)) == Set((4_000...4_009).map(Make.traceID)))
    }

    /// The duration walk over `traces_by_duration_class` alone (v10) answers what sorting every trace answers: half
    /// the durations packed into one class, half spread over many, with service (some added by a later commit),
    /// time window, error and duration filters.
    @Test func slowestMatchSortingEveryTrace() async throws {
        var generator = SplitMix(seed: 11)
        // k × 8,192 + n: distinct. Even traces within 2³³ ns (one class), odd ones from microseconds to minutes.
        let durations = (1...Self.traceCount).map { n in
            n % 2 == 0
                ? (1 << 33) + (generator.next() % (1 << 33)) / 8_192 * 8_192 + n
                : ((generator.next() % 60_000_000_000) >> (generator.next() % 30)) * 8_192 + n
        }
        let services = ["cart", "billing", "search"]
        let (store, file) = try await Self.store { n in
            var span = Make.span(trace: n, id: 1, startMs: n, status: n % 5 == 0 ? .error : .unset)
            span.endTimeUnixNano = span.startTimeUnixNano + durations[Int(n - 1)]
            return Make.record(span, service: services[Int(n % 3)])
        }
        defer { file.remove() }
        // A later commit adds a zero-length `billing` child to every fourth trace: its service list changes in place.
        let children = stride(from: UInt64(4), through: Self.traceCount, by: 4).map { n in
            var child = Make.span(trace: n, id: 2, parent: 1, startMs: n)
            child.endTimeUnixNano = child.startTimeUnixNano
            return Make.record(child, service: "billing")
        }
        try await store.write(WriteBatch(spans: children))
        func expected(_ query: TraceQuery) -> [TraceID] {
            let matches = (1...Self.traceCount).filter { n in
                let start = Make.base + n * 1_000_000
                let duration = durations[Int(n - 1)]
                let traceServices: Set = n % 4 == 0 ? [services[Int(n % 3)], "billing"] : [services[Int(n % 3)]]
                return (query.service.map { traceServices.contains($0) } ?? true) && (!query.errorsOnly || n % 5 == 0)
                    && start >= query.startFromNanos ?? 0 && start <= query.startToNanos ?? .max
                    && duration >= query.minDurationNanos ?? 0 && duration <= query.maxDurationNanos ?? .max
            }
            return matches.sorted { durations[Int($0 - 1)] > durations[Int($1 - 1)] }.prefix(query.limit).map(Make.traceID)
        }
        let ms: UInt64 = 1_000_000
        let queries = [
            TraceQuery(sort: .duration, limit: 100),
            TraceQuery(service: "billing", sort: .duration),
            TraceQuery(
                service: "search", startFromNanos: Make.base + 1_000 * ms, startToNanos: Make.base + 4_000 * ms, sort: .duration, limit: 50),
            TraceQuery(service: "cart", errorsOnly: true, sort: .duration, limit: 30),
            TraceQuery(service: "cart", minDurationNanos: 1 << 33, maxDurationNanos: (1 << 33) + (1 << 32), sort: .duration, limit: 40),
            // A narrow window takes the other plan (`traces_by_start`); a limit beyond the matches returns them all.
            TraceQuery(
                service: "billing", startFromNanos: Make.base + 1_000 * ms, startToNanos: Make.base + 1_100 * ms, sort: .duration,
                limit: 500),
            TraceQuery(service: "search", errorsOnly: true, sort: .duration, limit: 10_000)
        ]
        for query in queries {
            let found = try await store.traceSummaries(query)
            #expect(found.map(\.traceID) == expected(query), "\(query)")
            #expect(found.allSatisfy { $0.durationNanos == durations[Int($0.traceID.low - 1)] })
        }
    }

    @Test func durationOrderIsExactAcrossClasses() async throws {
        var generator = SplitMix(seed: 3)
        // Distinct durations from microseconds to minutes, several per power of two.
        let durations = (1...Self.traceCount).map { n in ((generator.next() % 60_000_000_000) >> (generator.next() % 30)) * 8_192 + n }
        let (store, file) = try await Self.store { n in
            var span = Make.span(trace: n, id: 1, startMs: n)
            span.endTimeUnixNano = span.startTimeUnixNano + durations[Int(n - 1)]
            return Make.record(span)
        }
        defer { file.remove() }
        let slowest = try await store.traceSummaries(TraceQuery(sort: .duration, limit: 300))
        let expected = (1...Self.traceCount).sorted { durations[Int($0 - 1)] > durations[Int($1 - 1)] }.prefix(300)
        #expect(slowest.map(\.traceID) == expected.map(Make.traceID))
        // A trace that grows later moves to its new place.
        var late = Make.span(trace: 17, id: 2, parent: 1, startMs: 17)
        late.endTimeUnixNano = late.startTimeUnixNano + 1_000_000_000_000_000
        try await store.write(WriteBatch(spans: [Make.record(late)]))
        #expect(try await store.traceSummaries(TraceQuery(sort: .duration, limit: 1)).map(\.traceID) == [Make.traceID(17)])
    }
}

import Foundation
import GRDB
import Testing
import TraceModel
import TraceStore

/// Spans stored as compressed chunks (migration v9): a re-sent span leaves its old chunk, chunks written before
/// and after the file's dictionary read back exactly, and a v8 file's span rows become chunks that answer the
/// same queries.
@Suite struct TraceChunkTests {
    @Test func aReSentSpanLeavesItsOldChunk() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let store = try SQLiteTraceStore(path: file.path)
        try await store.write(
            WriteBatch(spans: [
                Make.record(Make.span(trace: 1, id: 1, durationMs: 100)),
                Make.record(Make.span(trace: 1, id: 2, parent: 1, name: "first", startMs: 10))
            ]))
        try await store.write(WriteBatch(spans: [Make.record(Make.span(trace: 1, id: 3, parent: 1, name: "third", startMs: 30))]))
        // Span 2 re-sent with another name beside a new span 4, and span 3 (alone in its chunk) re-sent twice in one batch.
        try await store.write(
            WriteBatch(spans: [
                Make.record(Make.span(trace: 1, id: 2, parent: 1, name: "second", startMs: 10)),
                Make.record(Make.span(trace: 1, id: 4, parent: 1, name: "fourth", startMs: 40)),
                Make.record(Make.span(trace: 1, id: 3, parent: 1, name: "third", startMs: 30)),
                Make.record(Make.span(trace: 1, id: 3, parent: 1, name: "third again", startMs: 30))
            ]))
        let spans = try await store.trace(Make.traceID(1))
        #expect(spans.map(\.span.name) == ["op", "second", "third again", "fourth"])
        #expect(spans.map(\.span.parentSpanID) == [nil, Make.spanID(1), Make.spanID(1), Make.spanID(1)])
        let chunks = try await DatabaseQueue(path: file.path).read { db in
            try Data.fetchAll(db, sql: "SELECT span_ids FROM trace_chunks ORDER BY id")
        }
        // The first chunk kept span 1, the second (span 3 only) went, the third holds 2, 4 and 3.
        #expect(chunks.map(\.count) == [8, 24])
        let summary = try await store.traceSummaries(TraceQuery()).first
        #expect(summary?.spanCount == 4)
        #expect(try await store.statistics().spanCount == 4)
        let latency = try await store.latency(
            LatencyQuery(fromNanos: Make.base - 3_600_000_000_000, toNanos: Make.base + 3_600_000_000_000))
        #expect(latency.map(\.figures.count).reduce(0, +) == 4, "a re-sent span counts once")
    }

    @Test func chunksBeforeAndAfterTheDictionaryReadBack() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let store = try SQLiteTraceStore(path: file.path)
        var written: [TraceID: [Span]] = [:]
        var random = SplitMix(seed: 7)
        // ~6 MB of encoded chunks (14,400 spans of ~400 bytes): past the 4 MB the writer trains its dictionary on.
        for round in 0..<60 {
            var batch = WriteBatch()
            for trace in 0..<40 {
                let traceNumber = UInt64(round * 40 + trace + 1)
                for index in 0..<6 {
                    let words = (0..<40).map { _ in Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))] }
                    let span = Make.span(
                        trace: traceNumber, id: UInt64(index + 1), parent: index == 0 ? nil : 1, name: "op-\(index)",
                        startMs: UInt64(index) * 3 + random.next() % 3, durationMs: 1 + random.next() % 500,
                        attributes: [
                            KeyValue("http.route", .string("/" + words.prefix(3).joined(separator: "/"))),
                            KeyValue("message", .string(words.joined(separator: " ") + " \(random.next())")),
                            KeyValue("user.id", .int(Int64(random.next() % 100_000)))
                        ])
                    written[span.traceID, default: []].append(span)
                    batch.spans.append(Make.record(span, service: "svc-\(index % 3)"))
                }
            }
            try await store.write(batch)
        }
        let dictionaries = try await DatabaseQueue(path: file.path).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM chunk_dictionaries") ?? 0,
                try Int.fetchAll(db, sql: "SELECT DISTINCT dictionary FROM trace_chunks ORDER BY dictionary")
            )
        }
        #expect(dictionaries.0 == 1)
        #expect(dictionaries.1 == [0, 1], "chunks both before and after the dictionary")
        // Every trace reads back exactly, from a store opened afresh (the dictionary is read from the file).
        let reopened = try SQLiteTraceStore(path: file.path)
        for (traceID, spans) in written {
            let read = try await reopened.trace(traceID).map(\.span)
            #expect(read == spans.sorted { ($0.startTimeUnixNano, $0.spanID) < ($1.startTimeUnixNano, $1.spanID) })
        }
    }

    @Test func aVersionEightFileIsMigrated() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        try VersionEightFile.write(at: file.path)
        let store = try SQLiteTraceStore(path: file.path)
        let spans = try await store.trace(Make.traceID(1))
        #expect(spans.map(\.span.name) == ["GET /cart", "charge", "db"])
        #expect(spans.map(\.span.parentSpanID) == [nil, Make.spanID(1), Make.spanID(2)])
        #expect(spans.map(\.serviceName) == ["cart", "billing", "billing"])
        #expect(spans.map(\.span.durationNanos) == [50_000_000, 30_000_000, 2_000_000])
        #expect(spans.map(\.span.status.code) == [.unset, .error, .unset])
        #expect(spans.map(\.isError) == [false, true, false])
        #expect(spans.map(\.span.kind) == [.server, .server, .client])
        #expect(spans.map(\.scope.name) == ["shop", "shop", "shop"])
        #expect(
            spans.map(\.span.attributes)
                == (1...3).map {
                    [KeyValue("http.request.method", .string("GET")), KeyValue("cart.items", .int(Int64($0)))]
                })
        #expect(try await store.trace(Make.traceID(2)).map(\.span.durationNanos) == [7_000_000])
        #expect(try await store.statistics().spanCount == 4)
        // The queries that read spans: an operation, a span's duration, tags, dependencies.
        #expect(try await store.traceSummaries(TraceQuery(operation: "db")).map(\.traceID) == [Make.traceID(1)])
        #expect(try await store.traceSummaries(TraceQuery(operation: "GET /cart")).map(\.traceID) == [Make.traceID(2), Make.traceID(1)])
        #expect(
            try await store.traceSummaries(
                TraceQuery(service: "billing", minDurationNanos: 20_000_000, durationScope: .span)
            ).map(\.traceID) == [Make.traceID(1)])
        #expect(
            try await store.traceSummaries(TraceQuery(minDurationNanos: 40_000_000, durationScope: .span)).map(\.traceID) == [
                Make.traceID(1)
            ])
        #expect(try await store.traceSummaries(TraceQuery(tags: ["cart.items": "3"])).map(\.traceID) == [Make.traceID(1)])
        // Sorted by duration (migration v10's index): the slowest, also by service.
        #expect(try await store.traceSummaries(TraceQuery(sort: .duration)).map(\.traceID) == [Make.traceID(1), Make.traceID(2)])
        #expect(try await store.traceSummaries(TraceQuery(service: "billing", sort: .duration)).map(\.traceID) == [Make.traceID(1)])
        #expect(
            try await store.traceSummaries(TraceQuery(service: "cart", maxDurationNanos: 10_000_000, sort: .duration)).map(\.traceID) == [
                Make.traceID(2)
            ])
        #expect(
            try await store.dependencies(from: Make.base - 1, to: Make.base + 1_000_000_000) == [
                DependencyLink(parent: "cart", child: "billing", callCount: 1, errorCount: 1)
            ])
        let layout = try await DatabaseQueue(path: file.path).read { db in
            (try db.tableExists("spans"), try Int.fetchOne(db, sql: "SELECT count(*) FROM trace_chunks") ?? 0)
        }
        #expect(layout.0 == false)
        #expect(layout.1 == 2, "one chunk per trace")
        // It keeps working: a migrated span re-sent replaces it.
        try await store.write(
            WriteBatch(spans: [Make.record(Make.span(trace: 2, id: 1, name: "GET /cart", durationMs: 9), service: "cart")]))
        #expect(try await store.trace(Make.traceID(2)).map(\.span.durationNanos) == [9_000_000])
        #expect(try await store.integrityCheck() == "ok")
    }

    private static let vocabulary = [
        "cart", "checkout", "order", "payment", "user", "session", "item", "price", "stock", "ship", "refund", "coupon", "token",
        "retry", "timeout", "ok", "error", "cache", "miss", "hit", "db", "query", "select", "update", "insert", "queue"
    ]
}

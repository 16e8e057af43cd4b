import Foundation
import GRDB
import Testing
import TraceModel
import TraceStore

/// Tag searches through the attribute index (see `AttributeIndex`): the index may only narrow the traces
/// read, never drop a match, whatever the key, the value's type, or when the key was configured.
@Suite struct AttributeIndexTests {
    /// 300 traces of two spans; every 37th has a 500 on its child, every 50th runs in "staging".
    private static func traces(_ range: ClosedRange<UInt64>) -> [SpanRecord] {
        range.flatMap { n -> [SpanRecord] in
            let status: Int64 = n % 37 == 0 ? 500 : 200
            let environment = n % 50 == 0 ? "staging" : "production"
            let resource = Make.resource("web", [KeyValue("deployment.environment.name", .string(environment))])
            let root = Make.span(
                trace: n, id: 1, name: "GET /", startMs: n,
                attributes: [
                    KeyValue("http.request.method", .array([.string("GET"), .string(n % 2 == 0 ? "HEAD" : "GET")])),
                    KeyValue("order.id", .string("order-\(n)"))
                ])
            let child = Make.span(
                trace: n, id: 2, parent: 1, name: "charge", kind: .client, startMs: n,
                status: status == 500 ? .error : .unset,
                attributes: [KeyValue("http.response.status_code", .int(status))])
            return [root, child].map { SpanRecord(span: $0, resource: resource, scope: InstrumentationScope(name: "t")) }
        }
    }

    private static func ids(_ summaries: [TraceSummary]) -> Set<TraceID> { Set(summaries.map(\.traceID)) }
    private static func expected(_ range: ClosedRange<UInt64>, _ where: (UInt64) -> Bool) -> Set<TraceID> {
        Set(range.filter(`where`).map(Make.traceID))
    }

    @Test func indexedAndUnindexedKeysFindExactlyTheMatchingTraces() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let store = try SQLiteTraceStore(path: file.path)
        try await store.write(WriteBatch(spans: Self.traces(1...300)))
        func search(_ tags: [String: String]) async throws -> Set<TraceID> {
            Self.ids(try await store.traceSummaries(TraceQuery(tags: tags, limit: 1_000)))
        }
        // An int value, indexed by default.
        #expect(try await search(["http.response.status_code": "500"]) == Self.expected(1...300) { $0 % 37 == 0 })
        // Absent values of indexed keys: nothing, at once.
        #expect(try await search(["http.response.status_code": "418"]).isEmpty)
        #expect(try await search(["http.request.method": "DELETE"]).isEmpty)
        // An element of an array value.
        #expect(try await search(["http.request.method": "HEAD"]) == Self.expected(1...300) { $0 % 2 == 0 })
        // A resource attribute.
        #expect(try await search(["deployment.environment.name": "staging"]) == Self.expected(1...300) { $0 % 50 == 0 })
        // The synthetic tags.
        #expect(try await search(["error": "true"]) == Self.expected(1...300) { $0 % 37 == 0 })
        #expect(try await search(["span.kind": "client", "otel.status_code": "ERROR"]) == Self.expected(1...300) { $0 % 37 == 0 })
        // A key outside the index is still found by reading spans.
        #expect(try await search(["order.id": "order-123"]) == [Make.traceID(123)])
        // Two tags must hold on the same span: method (root) and status (child) never do.
        #expect(try await search(["http.request.method": "GET", "http.response.status_code": "500"]).isEmpty)
        // Sorting and limits still apply to indexed results.
        let newest = try await store.traceSummaries(TraceQuery(tags: ["http.response.status_code": "500"], limit: 2))
        #expect(newest.map(\.traceID) == [296, 259].map(Make.traceID))
    }

    @Test func aKeyConfiguredLaterStillFindsOlderTraces() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        do {
            let unindexed = try SQLiteTraceStore(path: file.path, indexedAttributes: [])
            try await unindexed.write(WriteBatch(spans: Self.traces(1...100)))
        }
        let store = try SQLiteTraceStore(path: file.path)
        try await store.write(WriteBatch(spans: Self.traces(101...200)))
        let found = try await store.traceSummaries(TraceQuery(tags: ["http.response.status_code": "500"], limit: 1_000))
        #expect(Self.ids(found) == Self.expected(1...200) { $0 % 37 == 0 })
        // A span arriving late for an old trace is found too.
        let late = SpanRecord(
            span: Make.span(trace: 5, id: 3, parent: 1, attributes: [KeyValue("http.response.status_code", .int(503))]),
            resource: Make.resource("web"))
        try await store.write(WriteBatch(spans: [late]))
        #expect(Self.ids(try await store.traceSummaries(TraceQuery(tags: ["http.response.status_code": "503"]))) == [Make.traceID(5)])
    }

    @Test func retentionRemovesTheIndexRowsOfDeletedTraces() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let store = try SQLiteTraceStore(path: file.path)
        try await store.write(WriteBatch(spans: Self.traces(1...300)))
        func rowCount() throws -> Int {
            try DatabaseQueue(path: file.path).read { db in
                try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM attribute_blocks) + (SELECT count(*) FROM correlation_blocks)")
                    ?? -1
            }
        }
        let before = try rowCount()
        // Every trace starts within Make.base + 300 ms: delete them all.
        _ = try await store.deleteOldest(before: Make.base + 1_000_000_000, within: DeletionLimits(rows: 1_000))
        #expect(before > 0)
        #expect(try rowCount() < before)
        #expect(try await store.traceSummaries(TraceQuery(tags: ["http.response.status_code": "500"])).isEmpty)
    }
}

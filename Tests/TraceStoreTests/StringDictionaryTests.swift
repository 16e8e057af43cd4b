import Foundation
import GRDB
import Testing
import TraceModel
import TraceStore

/// Attribute keys and repeated values are stored once in `dictionary_strings` (see `StringDictionary`).
@Suite struct StringDictionaryTests {
    @Test func keysAndValuesComeBackByteForByteAcrossReopens() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        // Canonically equivalent but different bytes: Swift's == calls them equal, the store must not.
        let precomposed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let attributes: [KeyValue] = [
            KeyValue("http.request.method", .string("GET")),
            KeyValue(precomposed, .string(decomposed)),
            KeyValue(decomposed, .string(precomposed)),
            KeyValue("nul\u{0}key", .string("nul\u{0}value")),
            KeyValue("long", .string(String(repeating: "x", count: 500))),
            KeyValue("nested", .kvlist([KeyValue("inner", .array([.string("GET"), .string(decomposed), .int(3)]))])),
            KeyValue("GET", .string("a key that is also a value"))
        ]
        let first = Make.record(Make.span(trace: 1, id: 1, attributes: attributes))
        let log = LogEntry(
            record: LogRecord(timeUnixNano: Make.base, body: .kvlist([KeyValue(decomposed, .string(precomposed))]), attributes: attributes),
            resource: Make.resource("svc"), receivedTimeUnixNano: Make.base)
        do {
            let store = try SQLiteTraceStore(path: file.path)
            try await store.write(WriteBatch(spans: [first], logs: [log]))
        }
        // A second process: the writer loads the table, and a new id must not collide with the stored ones.
        let store = try SQLiteTraceStore(path: file.path)
        let second = Make.record(Make.span(trace: 2, id: 1, attributes: attributes + [KeyValue("new.key", .string("new value"))]))
        try await store.write(WriteBatch(spans: [second]))

        for record in [first, second] {
            let stored = try #require(try await store.trace(record.span.traceID).first)
            #expect(Bytes(stored.span.attributes) == Bytes(record.span.attributes))
        }
        let storedLog = try #require(try await store.logs(LogQuery(limit: 10)).first)
        #expect(Bytes(storedLog.entry.record.attributes) == Bytes(attributes))
        #expect(Bytes([KeyValue("body", storedLog.entry.record.body)]) == Bytes([KeyValue("body", log.record.body)]))

        // Each key once, each short repeated value once; the 500-byte value stays inline.
        let strings = try await DatabaseQueue(path: file.path).read { db in
            try Data.fetchAll(db, sql: "SELECT CAST(text AS BLOB) FROM dictionary_strings").map { [UInt8]($0) }
        }
        #expect(strings.count == Set(strings).count)
        #expect(strings.contains(Array("nul\u{0}key".utf8)))
        #expect(strings.contains(Array(precomposed.utf8)) && strings.contains(Array(decomposed.utf8)))
        #expect(!strings.contains { $0.count == 500 })
    }

    @Test func aKeyWithEndlessValuesStopsFillingTheDictionary() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        let store = try SQLiteTraceStore(path: file.path)
        let spans = (1...2_000).map { n in
            Make.record(
                Make.span(
                    trace: UInt64(n), id: 1,
                    attributes: [
                        KeyValue("order.id", .string("order-\(n)")), KeyValue("http.request.method", .string(n % 2 == 0 ? "GET" : "POST"))
                    ]))
        }
        try await store.write(WriteBatch(spans: spans))
        let count = try await DatabaseQueue(path: file.path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_strings WHERE text LIKE 'order-%'") ?? -1
        }
        #expect(count > 0 && count <= 256)
        // Values past the cap are inline, and read back all the same.
        let last = try #require(try await store.trace(Make.traceID(2_000)).first)
        #expect(last.span.attributes[key: "order.id"] == .string("order-2000"))
    }

    /// A file written before the dictionary existed (schema v2, plain attribute keys in every body) is
    /// migrated when opened: its spans and logs read back unchanged.
    @Test func aVersion2FileIsMigrated() async throws {
        let file = try TemporaryDatabase()
        defer { file.remove() }
        try VersionTwoFile.write(at: file.path)
        let store = try SQLiteTraceStore(path: file.path)
        let spans = try await store.trace(Make.traceID(1))
        #expect(spans.count == 1)
        #expect(spans.first?.span.name == "GET /cart")
        #expect(
            spans.first?.span.attributes == [
                KeyValue("http.request.method", .string("GET")), KeyValue("http.response.status_code", .int(200))
            ])
        #expect(spans.first?.serviceName == "cart")
        let logs = try await store.logs(LogQuery(limit: 10))
        #expect(logs.map(\.entry.record.body) == [.string("added to cart")])
        #expect(logs.first?.entry.record.attributes == [KeyValue("cart.items", .int(3))])
        // The latency rows moved to tables keyed by time first (v5).
        let latency = try await store.latency(
            LatencyQuery(fromNanos: Make.base - 3_600_000_000_000, toNanos: Make.base + 3_600_000_000_000))
        #expect(latency.map(\.operation.name) == ["GET /cart"])
        #expect(latency.first?.figures.count == 1)
        #expect((4_950...5_050).contains(latency.first?.figures.p50 ?? 0), "p50 \(latency.first?.figures.p50 ?? 0) µs")
        // Correlation ids and durations moved to indexes keyed by trace sequence number (v7).
        #expect(try await store.correlationIDs(ofTrace: Make.traceID(1)) == ["req-1"])
        #expect(try await store.traceSummaries(TraceQuery(correlationID: "req-1")).map(\.traceID) == [Make.traceID(1)])
        #expect(try await store.integrityCheck() == "ok")
        // And it keeps working in the new form.
        try await store.write(
            WriteBatch(spans: [Make.record(Make.span(trace: 2, id: 1, attributes: [KeyValue("http.request.method", .string("PUT"))]))]))
        #expect(try await store.trace(Make.traceID(2)).first?.span.attributes == [KeyValue("http.request.method", .string("PUT"))])
        // The migrated 5 ms trace sorts by duration among new ones (classes were computed for it).
        try await store.write(
            WriteBatch(spans: [
                Make.record(Make.span(trace: 3, id: 1, durationMs: 9)), Make.record(Make.span(trace: 4, id: 1, durationMs: 1))
            ]))
        let slowest = try await store.traceSummaries(TraceQuery(sort: .duration))
        #expect(slowest.map(\.traceID) == [Make.traceID(2), Make.traceID(3), Make.traceID(1), Make.traceID(4)])
    }
}

/// Attribute keys and string values as UTF-8 bytes, recursively: compares what `==` on String would not.
private struct Bytes: Equatable {
    var parts: [[UInt8]]

    init(_ attributes: [KeyValue]) {
        parts = []
        for attribute in attributes {
            parts.append(Array(attribute.key.utf8))
            append(attribute.value)
        }
    }

    private mutating func append(_ value: AnyValue) {
        switch value {
        case .string(let string): parts.append([1] + Array(string.utf8))
        case .array(let values): parts.append([2]); values.forEach { append($0) }
        case .kvlist(let pairs): parts.append([3]); parts += Bytes(pairs).parts
        default: parts.append([4] + Array(value.displayString.utf8))
        }
    }
}

struct TemporaryDatabase {
    let directory: URL
    var path: String { directory.appendingPathComponent("test.db").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

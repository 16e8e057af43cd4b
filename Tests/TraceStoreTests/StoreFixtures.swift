import Foundation
import TraceModel
import TraceStore
import TraceStorePostgres

/// Backends the contract suite runs against. A new backend adds itself here and must pass every test.
/// PostgreSQL joins when a test server is given (`TRACETOP_TEST_POSTGRES`, a URL; `scripts/test` starts one), or
/// when `TRACETOP_REQUIRE_POSTGRES=1` says it must (then a missing server fails its tests instead of skipping them).
enum Backends {
    static let all: [String] = ["sqlite"] + (TestPostgres.isWanted ? ["postgres"] : [])

    static func make(_ name: String) throws -> (any TraceStore, cleanup: () -> Void) {
        switch name {
        case "sqlite":
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try SQLiteTraceStore(path: directory.appendingPathComponent("test.db").path)
            return (store, { try? FileManager.default.removeItem(at: directory) })
        case "postgres":
            // A fresh database per store, dropped at the end.
            let server = try TestPostgres.server()
            let location = try PostgresDatabases.createFresh(on: server)
            let store = try PostgresTraceStore(location: location, maxConnections: 4)
            return (
                store,
                {
                    store.close()
                    try? PostgresDatabases.drop(location, connectingTo: server)
                }
            )
        default:
            fatalError("unknown backend \(name)")
        }
    }
}

/// The test PostgreSQL server, from the environment.
enum TestPostgres {
    static var url: String? { ProcessInfo.processInfo.environment["TRACETOP_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }
    static var isRequired: Bool { ProcessInfo.processInfo.environment["TRACETOP_REQUIRE_POSTGRES"] == "1" }
    static var isWanted: Bool { url != nil || isRequired }

    static func server() throws -> PostgresLocation {
        guard let url else {
            throw LocationError("TRACETOP_REQUIRE_POSTGRES=1 but no test server: set TRACETOP_TEST_POSTGRES (scripts/test starts one)")
        }
        return try PostgresLocation(url: url)
    }
}

/// Small builders with every parameter defaulted, so each test states only what it is about.
enum Make {
    static let base: UInt64 = 1_732_490_000_000_000_000

    static func traceID(_ n: UInt64) -> TraceID { TraceID(high: 0xabc, low: n) }
    static func spanID(_ n: UInt64) -> SpanID { SpanID(0x1000 + n) }

    static func resource(_ service: String, _ extra: [KeyValue] = []) -> Resource {
        Resource(attributes: [KeyValue("service.name", .string(service))] + extra)
    }

    static func span(
        trace: UInt64, id: UInt64, parent: UInt64? = nil, name: String = "op", kind: SpanKind = .server,
        startMs: UInt64 = 0, durationMs: UInt64 = 10, status: StatusCode = .unset, attributes: [KeyValue] = []
    ) -> Span {
        Span(
            traceID: traceID(trace), spanID: spanID(id), parentSpanID: parent.map(spanID), name: name, kind: kind,
            startTimeUnixNano: base + startMs * 1_000_000, endTimeUnixNano: base + (startMs + durationMs) * 1_000_000,
            attributes: attributes, status: SpanStatus(code: status))
    }

    static func record(_ span: Span, service: String = "svc", correlation: [String] = []) -> SpanRecord {
        SpanRecord(span: span, resource: resource(service), scope: InstrumentationScope(name: "test"), correlationIDs: correlation)
    }

    static func log(
        _ body: String, service: String = "svc", trace: UInt64? = nil, span: UInt64? = nil, severity: Int32 = 9,
        atMs: UInt64 = 0, correlation: [String] = []
    ) -> LogEntry {
        LogEntry(
            record: LogRecord(
                timeUnixNano: base + atMs * 1_000_000, severityNumber: severity, body: .string(body),
                traceID: trace.map(traceID), spanID: span.map(spanID)),
            resource: resource(service), receivedTimeUnixNano: base, correlationIDs: correlation)
    }
}

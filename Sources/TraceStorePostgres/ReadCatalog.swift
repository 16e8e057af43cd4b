import NIOCore
import PostgresNIO
import Synchronization
import TraceModel
import TraceStore

/// Interned rows as readers need them (operation and service names, decoded resources and scopes), cached per
/// store: an id, once committed, never changes meaning. Ids a read meets for the first time are fetched in one
/// statement per kind.
final class ReadCatalog: Sendable {
    private struct Caches {
        var operations: [Int64: OperationName] = [:]
        var services: [Int64: String] = [:]
        var resources: [Int64: (Resource, String)] = [:]
        var scopes: [Int64: (InstrumentationScope, String)] = [:]
    }

    private let caches = Mutex(Caches())

    /// Operations (with their services' names) for these ids.
    func operations(_ ids: some Sequence<Int64>, store: PostgresTraceStore) async throws -> [Int64: OperationName] {
        try await cached(Set(ids), \.operations) { missing in
            var fetched: [Int64: OperationName] = [:]
            for row in try await store.rows(
                """
                SELECT o.id, s.name, o.name, o.kind FROM operations o JOIN services s ON s.id = o.service_id
                WHERE o.id = ANY(\(missing)::bigint[])
                """)
            {
                let (id, service, name, kind) = try row.decode((Int64, ByteBuffer, ByteBuffer, Int32).self)
                fetched[id] = OperationName(service: String(buffer: service), name: String(buffer: name), kind: SpanKind(rawValue: kind))
            }
            return fetched
        }
    }

    func serviceNames(_ ids: some Sequence<Int64>, store: PostgresTraceStore) async throws -> [Int64: String] {
        try await cached(Set(ids), \.services) { missing in
            try await Self.bodies("SELECT id, name FROM services WHERE id = ANY(\(missing)::bigint[])", store: store) { String(buffer: $0) }
        }
    }

    func resources(_ ids: some Sequence<Int64>, store: PostgresTraceStore) async throws -> [Int64: (Resource, String)] {
        try await cached(Set(ids), \.resources) { missing in
            try await Self.bodies("SELECT id, body FROM resources WHERE id = ANY(\(missing)::bigint[])", store: store) {
                try InlineBodies.decodeResource(Array($0.readableBytesView))
            }
        }
    }

    func scopes(_ ids: some Sequence<Int64>, store: PostgresTraceStore) async throws -> [Int64: (InstrumentationScope, String)] {
        try await cached(Set(ids), \.scopes) { missing in
            try await Self.bodies("SELECT id, body FROM scopes WHERE id = ANY(\(missing)::bigint[])", store: store) {
                try InlineBodies.decodeScope(Array($0.readableBytesView))
            }
        }
    }

    /// The values of `wanted`, fetching those not cached yet.
    private func cached<Value: Sendable>(
        _ wanted: Set<Int64>, _ cache: WritableKeyPath<Caches, [Int64: Value]>,
        fetch: ([Int64]) async throws -> [Int64: Value]
    ) async throws -> [Int64: Value] {
        let missing = caches.withLock { caches in wanted.filter { caches[keyPath: cache][$0] == nil } }
        if !missing.isEmpty {
            let fetched = try await fetch(Array(missing))
            caches.withLock { caches in
                if caches[keyPath: cache].count > InternedIDs.maxEntries { caches[keyPath: cache].removeAll() }
                caches[keyPath: cache].merge(fetched) { _, new in new }
            }
            // Fetched values are returned even if the cache was emptied meanwhile.
            return caches.withLock { caches in
                wanted.reduce(into: [:]) { $0[$1] = caches[keyPath: cache][$1] ?? fetched[$1] }
            }
        }
        return caches.withLock { caches in wanted.reduce(into: [:]) { $0[$1] = caches[keyPath: cache][$1] } }
    }

    /// (id, bytes) rows, each value decoded from its bytes.
    private static func bodies<Value>(_ query: PostgresQuery, store: PostgresTraceStore, decode: (ByteBuffer) throws -> Value) async throws
        -> [Int64: Value]
    {
        var fetched: [Int64: Value] = [:]
        for row in try await store.rows(query) {
            let (id, bytes) = try row.decode((Int64, ByteBuffer).self)
            fetched[id] = try decode(bytes)
        }
        return fetched
    }
}

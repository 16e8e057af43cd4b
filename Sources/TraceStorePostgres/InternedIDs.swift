import NIOCore
import PostgresNIO
import Synchronization
import TraceModel
import TraceStore

/// Services, operations, resources and scopes are stored once each and referred to by id. The ids are looked up
/// (and new ones inserted) in statements of their own before the commit's transaction, so every id a collector
/// caches is committed and means the same to every collector; a name inserted for a commit that then fails is
/// harmless. Inputs are sorted, so two collectors inserting the same new names cannot deadlock.
final class InternedIDs: Sendable {
    /// A hostile client could send endless distinct resources: each cache is emptied past this size (the
    /// tables stay right; only lookups cost a round trip again).
    static let maxEntries = 10_000

    private struct Caches {
        var services: [[UInt8]: Int64] = [:]
        var operations: [OperationKey: Int64] = [:]
        var resources: [[UInt8]: Int64] = [:]
        var scopes: [[UInt8]: Int64] = [:]
    }

    struct OperationKey: Hashable, Comparable {
        var serviceID: Int64
        var name: [UInt8]
        var kind: Int32

        static func < (a: Self, b: Self) -> Bool {
            (a.serviceID, a.kind) != (b.serviceID, b.kind)
                ? (a.serviceID, a.kind) < (b.serviceID, b.kind) : a.name.lexicographicallyPrecedes(b.name)
        }
    }

    private let caches = Mutex(Caches())

    /// The ids every span and log of the batches refers to.
    func ids(for batches: [WriteBatch], store: PostgresTraceStore) async throws -> BatchIDs {
        var encoded = EncodedNames()
        for batch in batches {
            for record in batch.spans { encoded.add(record) }
            for entry in batch.logs { encoded.add(entry) }
        }
        let services = try await lookUp(
            Set(encoded.spanServices + encoded.logServices), cache: \.services, store: store, sql: ServiceSQL.self)
        var operationKeys: [OperationKey] = []
        for (index, record) in encoded.spanRecords.enumerated() {
            operationKeys.append(
                OperationKey(serviceID: services[encoded.spanServices[index]]!, name: Array(record.name.utf8), kind: record.kind.rawValue))
        }
        let operations = try await lookUpOperations(Set(operationKeys), store: store)
        let resources = try await lookUp(Set(encoded.resources), cache: \.resources, store: store, sql: ResourceSQL.self)
        let scopes = try await lookUp(Set(encoded.scopes), cache: \.scopes, store: store, sql: ScopeSQL.self)
        var ids = BatchIDs()
        for index in encoded.spanRecords.indices {
            ids.spans.append(
                BatchIDs.Span(
                    service: services[encoded.spanServices[index]]!, operation: operations[operationKeys[index]]!,
                    resource: resources[encoded.resources[encoded.spanResource[index]]]!,
                    scope: scopes[encoded.scopes[encoded.spanScope[index]]]!))
        }
        for index in encoded.logServices.indices {
            ids.logs.append(
                BatchIDs.Log(
                    service: services[encoded.logServices[index]]!,
                    resource: resources[encoded.resources[encoded.logResource[index]]]!,
                    scope: scopes[encoded.scopes[encoded.logScope[index]]]!))
        }
        return ids
    }

    /// Names or bodies → ids: from the cache, else inserted if new and read back.
    private func lookUp<SQL: InternSQL>(
        _ keys: Set<[UInt8]>, cache: WritableKeyPath<Caches, [[UInt8]: Int64]>, store: PostgresTraceStore, sql: SQL.Type
    ) async throws -> [[UInt8]: Int64] {
        var found: [[UInt8]: Int64] = [:]
        var missing: [[UInt8]] = []
        caches.withLock { caches in
            for key in keys {
                if let id = caches[keyPath: cache][key] { found[key] = id } else { missing.append(key) }
            }
        }
        guard !missing.isEmpty else { return found }
        missing.sort { $0.lexicographicallyPrecedes($1) }
        let buffers = missing.map { ByteBuffer(bytes: $0) }
        _ = try await store.rows(SQL.insert(buffers))
        var fetched: [[UInt8]: Int64] = [:]
        for row in try await store.rows(SQL.select(buffers)) {
            let (id, key) = try row.decode((Int64, ByteBuffer).self)
            fetched[Array(key.readableBytesView)] = id
        }
        caches.withLock { caches in
            if caches[keyPath: cache].count > Self.maxEntries { caches[keyPath: cache].removeAll() }
            caches[keyPath: cache].merge(fetched) { _, new in new }
        }
        return found.merging(fetched) { _, new in new }
    }

    private func lookUpOperations(_ keys: Set<OperationKey>, store: PostgresTraceStore) async throws -> [OperationKey: Int64] {
        var found: [OperationKey: Int64] = [:]
        var missing: [OperationKey] = []
        caches.withLock { caches in
            for key in keys {
                if let id = caches.operations[key] { found[key] = id } else { missing.append(key) }
            }
        }
        guard !missing.isEmpty else { return found }
        missing.sort()
        let services = missing.map(\.serviceID), names = missing.map { ByteBuffer(bytes: $0.name) }, kinds = missing.map(\.kind)
        _ = try await store.rows(
            """
            INSERT INTO operations (service_id, name, kind) SELECT * FROM unnest(\(services)::bigint[], \(names)::bytea[], \(kinds)::integer[])
            ON CONFLICT DO NOTHING
            """)
        let rows = try await store.rows(
            """
            SELECT id, service_id, name, kind FROM operations
            WHERE (service_id, name, kind) IN (SELECT * FROM unnest(\(services)::bigint[], \(names)::bytea[], \(kinds)::integer[]))
            """)
        var fetched: [OperationKey: Int64] = [:]
        for row in rows {
            let (id, service, name, kind) = try row.decode((Int64, Int64, ByteBuffer, Int32).self)
            fetched[OperationKey(serviceID: service, name: Array(name.readableBytesView), kind: kind)] = id
        }
        caches.withLock { caches in
            if caches.operations.count > Self.maxEntries { caches.operations.removeAll() }
            caches.operations.merge(fetched) { _, new in new }
        }
        return found.merging(fetched) { _, new in new }
    }
}

/// The ids of one commit's spans and logs, in the order of the batches' spans and logs.
struct BatchIDs {
    struct Span { var service, operation, resource, scope: Int64 }
    struct Log { var service, resource, scope: Int64 }
    var spans: [Span] = []
    var logs: [Log] = []
}

/// The names and encoded bodies of a commit's spans and logs. A request's spans share one resource and scope:
/// each is encoded once per run of equal values, not once per span.
private struct EncodedNames {
    var spanRecords: [(name: String, kind: SpanKind)] = []
    var spanServices: [[UInt8]] = []
    var spanResource: [Int] = []
    var spanScope: [Int] = []
    var logServices: [[UInt8]] = []
    var logResource: [Int] = []
    var logScope: [Int] = []
    /// Distinct encoded bodies; the per-span and per-log indices point here.
    var resources: [[UInt8]] = []
    var scopes: [[UInt8]] = []
    private var lastResource: (Resource, String, Int)?
    private var lastScope: (InstrumentationScope, String, Int)?

    mutating func add(_ record: SpanRecord) {
        spanRecords.append((record.span.name, record.span.kind))
        spanServices.append(Array(record.serviceName.utf8))
        spanResource.append(resourceIndex(record.resource, record.resourceSchemaUrl))
        spanScope.append(scopeIndex(record.scope, record.scopeSchemaUrl))
    }

    mutating func add(_ entry: LogEntry) {
        logServices.append(Array(entry.serviceName.utf8))
        logResource.append(resourceIndex(entry.resource, entry.resourceSchemaUrl))
        logScope.append(scopeIndex(entry.scope, entry.scopeSchemaUrl))
    }

    private mutating func resourceIndex(_ resource: Resource, _ schemaUrl: String) -> Int {
        if let last = lastResource, last.1 == schemaUrl, last.0 == resource { return last.2 }
        resources.append(InlineBodies.resource(resource, schemaUrl: schemaUrl))
        lastResource = (resource, schemaUrl, resources.count - 1)
        return resources.count - 1
    }

    private mutating func scopeIndex(_ scope: InstrumentationScope, _ schemaUrl: String) -> Int {
        if let last = lastScope, last.1 == schemaUrl, last.0 == scope { return last.2 }
        scopes.append(InlineBodies.scope(scope, schemaUrl: schemaUrl))
        lastScope = (scope, schemaUrl, scopes.count - 1)
        return scopes.count - 1
    }
}

/// The two statements that intern one kind of name or body.
private protocol InternSQL {
    static func insert(_ keys: [ByteBuffer]) -> PostgresQuery
    /// Rows of (id, key).
    static func select(_ keys: [ByteBuffer]) -> PostgresQuery
}

private enum ServiceSQL: InternSQL {
    static func insert(_ keys: [ByteBuffer]) -> PostgresQuery {
        "INSERT INTO services (name) SELECT unnest(\(keys)::bytea[]) ON CONFLICT DO NOTHING"
    }
    static func select(_ keys: [ByteBuffer]) -> PostgresQuery {
        "SELECT id, name FROM services WHERE name = ANY(\(keys)::bytea[])"
    }
}

private enum ResourceSQL: InternSQL {
    static func insert(_ keys: [ByteBuffer]) -> PostgresQuery {
        "INSERT INTO resources (body) SELECT unnest(\(keys)::bytea[]) ON CONFLICT ((sha256(body))) DO NOTHING"
    }
    static func select(_ keys: [ByteBuffer]) -> PostgresQuery {
        "SELECT id, body FROM resources WHERE sha256(body) IN (SELECT sha256(b) FROM unnest(\(keys)::bytea[]) b)"
    }
}

private enum ScopeSQL: InternSQL {
    static func insert(_ keys: [ByteBuffer]) -> PostgresQuery {
        "INSERT INTO scopes (body) SELECT unnest(\(keys)::bytea[]) ON CONFLICT ((sha256(body))) DO NOTHING"
    }
    static func select(_ keys: [ByteBuffer]) -> PostgresQuery {
        "SELECT id, body FROM scopes WHERE sha256(body) IN (SELECT sha256(b) FROM unnest(\(keys)::bytea[]) b)"
    }
}

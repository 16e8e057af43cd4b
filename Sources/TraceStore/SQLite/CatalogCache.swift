import Synchronization
import TraceModel

/// The interned rows (service and operation names, resources, scopes, chunk dictionaries) as readers decoded them, kept for the
/// life of the store so a trace by id does not look up and decode its resources again on every request.
/// Safe to keep: a committed interned row is never updated or deleted (retention leaves these tables alone),
/// so an id a reader has seen names the same thing forever; readers only see committed rows.
final class CatalogCache: Sendable {
    struct Operation: Sendable {
        var name: String
        var kind: SpanKind
    }

    private struct Entries {
        var services: [Int64: String] = [:]
        var operations: [Int64: Operation] = [:]
        var resources: [Int64: (Resource, String)] = [:]
        var scopes: [Int64: (InstrumentationScope, String)] = [:]
        /// Never evicted: a file holds a handful (one per training), each immutable once committed.
        var chunkDictionaries: [Int64: Zstd.Dictionary] = [:]
    }

    private let entries = Mutex(Entries())

    func serviceName(_ id: Int64) -> String? { entries.withLock { $0.services[id] } }
    func operation(_ id: Int64) -> Operation? { entries.withLock { $0.operations[id] } }
    func resource(_ id: Int64) -> (Resource, String)? { entries.withLock { $0.resources[id] } }
    func scope(_ id: Int64) -> (InstrumentationScope, String)? { entries.withLock { $0.scopes[id] } }
    func chunkDictionary(_ id: Int64) -> Zstd.Dictionary? { entries.withLock { $0.chunkDictionaries[id] } }

    func store(chunkDictionary: Zstd.Dictionary) {
        entries.withLock { $0.chunkDictionaries[chunkDictionary.id] = chunkDictionary }
    }

    // A hostile client can intern endless distinct resources: past the bound a table's cache starts over.

    func store(serviceName: String, for id: Int64) {
        entries.withLock { Self.insert(serviceName, for: id, into: &$0.services) }
    }

    func store(_ operation: Operation, for id: Int64) {
        entries.withLock { Self.insert(operation, for: id, into: &$0.operations) }
    }

    func store(resource: (Resource, String), for id: Int64) {
        entries.withLock { Self.insert(resource, for: id, into: &$0.resources) }
    }

    func store(scope: (InstrumentationScope, String), for id: Int64) {
        entries.withLock { Self.insert(scope, for: id, into: &$0.scopes) }
    }

    private static func insert<Value>(_ value: Value, for id: Int64, into table: inout [Int64: Value]) {
        if table.count >= InternTables.maxEntries { table.removeAll() }
        table[id] = value
    }
}

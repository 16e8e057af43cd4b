import TraceModel
import GRDB
import Foundation

/// Lookups of the interned tables (service names, operations, resources, scopes) for one read, answered from
/// the store's `CatalogCache` when it has them, so a trace of 10,000 spans decodes its handful of resources
/// once, and the next request for it not at all.
struct ReadCatalog {
    let db: Database
    let cache: CatalogCache
    private let dictionaryCache: DictionaryCache
    private var dictionary: [String]?
    private var chunkDecoder: TraceChunkDecoder?

    init(db: Database, cache: CatalogCache, dictionary: DictionaryCache) {
        self.db = db
        self.cache = cache
        self.dictionaryCache = dictionary
    }

    /// How span and log bodies are read in this transaction: with the string dictionary as it sees it.
    mutating func bodyForm() throws -> AttributeForm {
        if let dictionary { return .dictionary(dictionary) }
        let snapshot = try dictionaryCache.snapshot(db)
        dictionary = snapshot
        return .dictionary(snapshot)
    }

    /// The spans of the trace with sequence number `seq`, oldest first, decompressed with the dictionaries the
    /// store's cache holds (see `TraceChunkDecoder`); `bodies: false` for readers that need only the columns.
    mutating func chunkSpans(seq: Int64, bodies: Bool) throws -> [ChunkSpan] {
        if chunkDecoder == nil {
            let (cache, db) = (cache, db)
            chunkDecoder = TraceChunkDecoder { id in
                guard id != 0 else { return nil }
                if let cached = cache.chunkDictionary(id) { return cached }
                let loaded = try ChunkCompression.load(id, db: db)
                cache.store(chunkDictionary: loaded)
                return loaded
            }
        }
        return try chunkDecoder!.spans(seq: seq, bodies: bodies, db: db)
    }

    mutating func serviceName(_ id: Int64) throws -> String {
        if let name = cache.serviceName(id) { return name }
        guard
            let name = try Data.fetchOne(db, sql: "SELECT CAST(name AS BLOB) FROM services WHERE id = ?", arguments: [id]).map(
                StoredText.string)
        else {
            // Not cached: a service that is missing now may be written later.
            return "unknown_service"
        }
        cache.store(serviceName: name, for: id)
        return name
    }

    func serviceID(_ name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM services WHERE name = CAST(? AS TEXT)", arguments: [StoredText.bytes(name)])
    }

    mutating func operation(_ id: Int64) throws -> CatalogCache.Operation {
        if let operation = cache.operation(id) { return operation }
        guard let row = try Row.fetchOne(db, sql: "SELECT CAST(name AS BLOB), kind FROM operations WHERE id = ?", arguments: [id]) else {
            throw StoreError("operation \(id) is missing")
        }
        let operation = CatalogCache.Operation(name: StoredText.string(row[0]), kind: SpanKind(rawValue: row[1]))
        cache.store(operation, for: id)
        return operation
    }

    mutating func resource(_ id: Int64) throws -> (Resource, schemaUrl: String) {
        if let cached = cache.resource(id) { return cached }
        guard let body = try Data.fetchOne(db, sql: "SELECT body FROM resources WHERE id = ?", arguments: [id]) else {
            throw StoreError("resource \(id) is missing")
        }
        let decoded = try RowCodec.decodeResource([UInt8](body))
        cache.store(resource: decoded, for: id)
        return decoded
    }

    mutating func scope(_ id: Int64) throws -> (InstrumentationScope, schemaUrl: String) {
        if let cached = cache.scope(id) { return cached }
        guard let body = try Data.fetchOne(db, sql: "SELECT body FROM scopes WHERE id = ?", arguments: [id]) else {
            throw StoreError("scope \(id) is missing")
        }
        let decoded = try RowCodec.decodeScope([UInt8](body))
        cache.store(scope: decoded, for: id)
        return decoded
    }
}

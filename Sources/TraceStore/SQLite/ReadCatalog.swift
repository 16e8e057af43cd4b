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

/// Reading span rows back into records.
enum SpanRows {
    static let select = """
        SELECT sp.span_id, sp.parent_span_id, CAST(o.name AS BLOB), o.kind, sp.resource_id, sp.scope_id,
               sp.start_ns, sp.end_ns, sp.status_code, sp.body
        FROM spans sp JOIN operations o ON o.id = sp.operation_id
        """

    /// The spans of one trace: its sequence number looked up by id (spans are keyed by it, see `Schema`).
    static let whereTrace = " WHERE sp.trace_seq = (SELECT seq FROM traces WHERE trace_id = ?)"

    /// Spans rows do not repeat their trace id: the caller knows it.
    static func record(_ row: Row, traceID: TraceID, catalog: inout ReadCatalog) throws -> SpanRecord {
        var span = Span(
            traceID: traceID, spanID: StoredID.spanID(row[0]) ?? .zero,
            parentSpanID: (row[1] as Data?).flatMap(StoredID.spanID), name: StoredText.string(row[2]), kind: SpanKind(rawValue: row[3]),
            startTimeUnixNano: StoredTime.value(row[6]), endTimeUnixNano: StoredTime.value(row[7]),
            status: SpanStatus(code: StatusCode(rawValue: row[8])))
        try RowCodec.decodeSpanBody([UInt8](row[9] as Data), into: &span, form: try catalog.bodyForm())
        let (resource, resourceSchemaUrl) = try catalog.resource(row[4])
        let (scope, scopeSchemaUrl) = try catalog.scope(row[5])
        return SpanRecord(
            span: span, resource: resource, resourceSchemaUrl: resourceSchemaUrl, scope: scope, scopeSchemaUrl: scopeSchemaUrl)
    }
}

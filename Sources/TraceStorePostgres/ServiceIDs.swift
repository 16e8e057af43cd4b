import PostgresNIO
import Synchronization

/// Service names' ids as searches look them up, cached per store: a committed name's id never changes, so a
/// search by service saves a round trip. A name not found is not cached (a collector may store it next).
final class ServiceIDs: Sendable {
    private let ids = Mutex<[String: Int64]>([:])

    func id(of name: String, store: PostgresTraceStore) async throws -> Int64? {
        if let id = ids.withLock({ $0[name] }) { return id }
        var lookup = BoundSQL()
        let sql = "SELECT id FROM services WHERE name = \(try lookup.bind(bytesOf: name))"
        guard let id = try await store.rows(lookup.query(sql)).first.map({ try $0.decode(Int64.self) }) else { return nil }
        ids.withLock { ids in
            if ids.count > InternedIDs.maxEntries { ids.removeAll() }
            ids[name] = id
        }
        return id
    }
}

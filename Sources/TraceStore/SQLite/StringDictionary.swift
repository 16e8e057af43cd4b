import GRDB
import Foundation
import Synchronization

/// Attribute keys and repeated short string values are stored once, in `dictionary_strings`, and span and log
/// bodies refer to them by a small integer. Keys are few and repeat on every span (`http.request.method`, …):
/// writing each once instead of on every span is most of the difference between ~480 and ~300 bytes per span.
///
/// Which strings get an id is only an encoding choice: a body may hold any string inline, and readers handle
/// both. Ids are dense from 1, never reused and never deleted, so a reader's cached table stays valid.
enum DictionaryPolicy {
    /// The table never grows past this, whatever clients send (a hostile client's endless distinct keys are
    /// written inline once it is full).
    static let maxStrings = 100_000
    /// Longer strings are written inline: long values rarely repeat exactly, and a long key is rare.
    static let maxLength = 128
    /// Values are interned per key only while the key has shown few distinct values: `http.request.method`
    /// has a handful, `order.id` has one per order and would only fill the table.
    static let maxValuesPerKey = 256
}

/// The writing side: text → id, and the ids given out but not yet known to be committed (`pending`).
///
/// Ids are given out while bodies are encoded, which happens outside the write transaction (in
/// `SQLiteTraceStore.prepare`, on the request's thread). So every transaction inserts all pending strings
/// (INSERT OR IGNORE) before it commits, and they stop being pending only once a commit succeeded: a body
/// can only be committed with, or after, the strings it refers to. A failed commit leaves them pending.
struct StringInterner {
    private var ids: [ExactText: UInt64] = [:]
    private var valuesPerKey: [UInt64: Int] = [:]
    private var nextID: UInt64 = 1
    private var isLoaded = false
    /// False for a backend without a shared dictionary (PostgreSQL): every string is written inline.
    private var interns = true
    /// Given out and not yet known to be committed: (id, text), in id order.
    private(set) var pending: [(id: UInt64, text: String)] = []

    /// Reads the stored table once, at the writer's first use.
    mutating func loadIfNeeded(_ db: Database) throws {
        guard !isLoaded else { return }
        let rows = try Row.fetchCursor(db, sql: "SELECT id, CAST(text AS BLOB) FROM dictionary_strings ORDER BY id")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            ids[ExactText(StoredText.string(row[1]))] = UInt64(id)
            nextID = max(nextID, UInt64(id) + 1)
        }
        isLoaded = true
    }

    /// The id for an attribute key, or nil when it is written inline.
    mutating func keyID(_ key: String) -> UInt64? {
        if let id = ids[ExactText(key)] { return id }
        return intern(key)
    }

    /// The id for a string value under a key (whose id is `keyID`), or nil when it is written inline.
    mutating func valueID(_ value: String, keyID: UInt64?) -> UInt64? {
        if let id = ids[ExactText(value)] { return id }
        guard let keyID, valuesPerKey[keyID, default: 0] < DictionaryPolicy.maxValuesPerKey else { return nil }
        guard let id = intern(value) else { return nil }
        valuesPerKey[keyID, default: 0] += 1
        return id
    }

    /// An interner that gives out no ids: bodies in the dictionary form with every string inline, which a reader
    /// decodes with an empty dictionary.
    static var inlineOnly: StringInterner {
        var interner = StringInterner()
        interner.interns = false
        return interner
    }

    private mutating func intern(_ text: String) -> UInt64? {
        guard interns, text.utf8.count <= DictionaryPolicy.maxLength, ids.count < DictionaryPolicy.maxStrings else { return nil }
        let id = nextID
        nextID += 1
        ids[ExactText(text)] = id
        pending.append((id, text))
        return id
    }

    /// Called after a commit that inserted the pending strings up to `id`.
    mutating func committed(through id: UInt64) {
        pending.removeAll { $0.id <= id }
    }

    /// Inserts strings (the pending ones) in the current transaction; returns the last id, 0 for none.
    static func insert(_ strings: [(id: UInt64, text: String)], _ db: Database) throws -> UInt64 {
        guard !strings.isEmpty else { return 0 }
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO dictionary_strings (id, text) VALUES (?, CAST(? AS TEXT))")
        for (id, text) in strings { try insert.execute(arguments: [Int64(id), StoredText.bytes(text)]) }
        return strings.last!.id
    }
}

/// The one `StringInterner` of a store, shared by the threads that prepare batches and the writer.
final class SharedStringInterner: Sendable {
    private let state = Mutex(StringInterner())

    func load(_ db: Database) throws {
        try state.withLock { try $0.loadIfNeeded(db) }
    }

    func withLock<T>(_ body: (inout StringInterner) throws -> T) rethrows -> T {
        try state.withLock { try body(&$0) }
    }

    /// Inserts every pending string in the writer's transaction; returns the last id, for `committed(through:)`.
    func insertPending(_ db: Database) throws -> UInt64 {
        try StringInterner.insert(state.withLock { $0.pending }, db)
    }

    func committed(through id: UInt64) {
        guard id > 0 else { return }
        state.withLock { $0.committed(through: id) }
    }
}

/// The readers' side: id → text, shared by every read and extended from the table when a read meets ids it
/// has not seen. Only committed rows are ever loaded, and committed ids never change meaning.
final class DictionaryCache: Sendable {
    private let strings = Mutex<[String]>([])

    /// The table as this read transaction sees it (index = id − 1).
    func snapshot(_ db: Database) throws -> [String] {
        let known = strings.withLock { $0 }
        let stored = try Int.fetchOne(db, sql: "SELECT max(id) FROM dictionary_strings") ?? 0
        guard stored > known.count else { return known }
        var added: [String] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, CAST(text AS BLOB) FROM dictionary_strings WHERE id > ? ORDER BY id", arguments: [known.count])
        var expected = known.count + 1
        while let row = try rows.next() {
            let id: Int = row[0]
            guard id == expected else { throw StoreError("the string dictionary has a gap at id \(expected)") }
            added.append(StoredText.string(row[1]))
            expected += 1
        }
        return strings.withLock { current in
            // Another read may have extended it meanwhile: keep the longer table (both are prefixes of the same one).
            if current.count < known.count + added.count { current = known + added }
            return current
        }
    }
}

/// A string compared and hashed by its UTF-8 bytes. Swift's `String` equality is Unicode canonical
/// equivalence ("e\u{301}" == "é"), but a stored string must come back byte for byte.
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    /// memcmp on the bytes where the string has them contiguously (native strings do); the generic
    /// element-by-element comparison is several times slower on this hot path.
    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        let left = lhs.text.utf8, right = rhs.text.utf8
        guard left.count == right.count else { return false }
        let equal = left.withContiguousStorageIfAvailable { leftBytes in
            right.withContiguousStorageIfAvailable { rightBytes in
                leftBytes.count == 0 || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0
            }
        }
        if let equal, let equal { return equal }
        return left.elementsEqual(right)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
    }
}

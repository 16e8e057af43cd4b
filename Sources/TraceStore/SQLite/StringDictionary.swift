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

/// The writer's side: text → id, and the ids given out in the current transaction (inserted before it commits).
/// Lives in `InternTables`, so a rolled-back batch's ids are forgotten with the rest of its state.
struct StringInterner {
    private var ids: [ExactText: UInt64] = [:]
    private var valuesPerKey: [UInt64: Int] = [:]
    private var nextID: UInt64 = 1
    private var isLoaded = false
    /// Given out since the last `flush`: (id, text), in id order.
    private var pending: [(UInt64, String)] = []

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

    private mutating func intern(_ text: String) -> UInt64? {
        guard text.utf8.count <= DictionaryPolicy.maxLength, ids.count < DictionaryPolicy.maxStrings else { return nil }
        let id = nextID
        nextID += 1
        ids[ExactText(text)] = id
        pending.append((id, text))
        return id
    }

    /// Inserts the strings given out in this transaction. Called once per batch, before the commit.
    mutating func flush(_ db: Database) throws {
        guard !pending.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT INTO dictionary_strings (id, text) VALUES (?, CAST(? AS TEXT))")
        for (id, text) in pending { try insert.execute(arguments: [Int64(id), StoredText.bytes(text)]) }
        pending.removeAll()
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
        let rows = try Row.fetchCursor(db, sql: "SELECT id, CAST(text AS BLOB) FROM dictionary_strings WHERE id > ? ORDER BY id", arguments: [known.count])
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

    static func == (lhs: ExactText, rhs: ExactText) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

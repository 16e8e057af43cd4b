/// A few attribute keys that every attribute of every span is checked against: the correlation keys, the keys the
/// tag index covers. `Set<String>.contains` hashed each attribute's whole key (SipHash, with a seed and a
/// finalisation per call), which with ~8 span and ~10 resource attributes per span was ~5 % of the collector's
/// ingest. Here a key's UTF-8 length, which strings keep, rejects most keys at once; the rest are compared with
/// the configured keys of that length.
package struct AttributeKeySet: Hashable, Sendable {
    package let all: Set<String>
    /// The keys of each UTF-8 length, up to the longest.
    private let byLength: [[String]]

    package init(_ keys: some Sequence<String>) {
        let keys = Array(keys)
        all = Set(keys)
        var byLength = [[String]](repeating: [], count: (keys.map(\.utf8.count).max() ?? -1) + 1)
        for key in keys where !byLength[key.utf8.count].contains(where: { $0.utf8.elementsEqual(key.utf8) }) {
            byLength[key.utf8.count].append(key)
        }
        self.byLength = byLength
    }

    package var isEmpty: Bool { all.isEmpty }

    /// Exact: attribute keys are case-sensitive, and compared as the bytes they arrive in (as Jaeger and Tempo
    /// compare them): a key spelled with other code points than a configured one is another key, even where
    /// Swift's `==` calls the two canonically equivalent.
    @inline(__always)
    package func contains(_ key: String) -> Bool {
        let length = key.utf8.count
        guard length < byLength.count else { return false }
        for candidate in byLength[length] where candidate.utf8.elementsEqual(key.utf8) { return true }
        return false
    }
}

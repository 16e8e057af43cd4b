/// 64-bit FNV-1a for hashes that are stored (the tag and correlation indexes): stable across runs and
/// machines, unlike Swift's `Hasher`, which is seeded per process. Changing it would orphan every stored hash.
struct StoredHash {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func mix(_ byte: UInt8) {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }

    mutating func mix(_ text: String) {
        // Over the contiguous bytes native strings have: the UTF-8 view's iterator decodes its way through.
        let mixed: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in for byte in bytes { mix(byte) } }
        if mixed == nil { for byte in text.utf8 { mix(byte) } }
    }

    var value: Int64 { Int64(bitPattern: hash) }

    static func of(_ text: String) -> Int64 {
        var hash = StoredHash()
        hash.mix(text)
        return hash.value
    }
}

/// A small per-request cache of strings recently made from the input, so the attribute keys, span names and
/// enum-like values that every span of a request repeats ("http.response.status_code") are allocated once
/// per request instead of once per span. Fixed size (direct-mapped), owned by one decode: nothing global.
package struct RecentStrings {
    private static let slotCount = 256
    /// Strings of up to 15 UTF-8 bytes are stored inline by `String` (no allocation), and long ones rarely repeat.
    package static let cachedLengths = 16...128

    private var slots: [String?] = Array(repeating: nil, count: RecentStrings.slotCount)

    package init() {}

    /// The string for these bytes (valid UTF-8, no escapes), reusing an equal one made earlier in this request.
    package mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
        guard Self.cachedLengths.contains(bytes.count) else { return String(decoding: bytes, as: UTF8.self) }
        let slot = Self.slot(bytes)
        if let cached = slots[slot], Self.equal(cached, bytes) { return cached }
        let made = String(decoding: bytes, as: UTF8.self)
        slots[slot] = made
        return made
    }

    /// Mixes the length with the first and last eight bytes: cheap, and enough to spread keys over the slots.
    @inline(__always)
    private static func slot(_ bytes: UnsafeRawBufferPointer) -> Int {
        let head = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        let tail = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        let mixed = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(bytes.count)
        return Int(truncatingIfNeeded: (mixed ^ (mixed >> 29)) & UInt64(slotCount - 1))
    }

    @inline(__always)
    private static func equal(_ string: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let result = string.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard utf8.count == bytes.count else { return false }
            var index = 0
            while index + 8 <= bytes.count {
                let lhs = UnsafeRawBufferPointer(utf8).loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if lhs != bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
                index += 8
            }
            while index < bytes.count {
                if utf8[index] != bytes[index] { return false }
                index += 1
            }
            return true
        }
        return result ?? false
    }
}

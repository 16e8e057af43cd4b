/// Case-insensitive "contains" for the span search. ASCII text (nearly all names and attributes) is compared
/// byte by byte without building lower-cased copies, which is what made a search of a 10,000-span trace
/// slow; anything else falls back to `lowercased()`.
struct Needle {
    private let lowered: String
    private let bytes: [UInt8]
    private let isASCII: Bool

    init(_ text: String) {
        lowered = text.lowercased()
        bytes = Array(lowered.utf8)
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    var isEmpty: Bool { bytes.isEmpty }

    func found(in haystack: String) -> Bool {
        guard isASCII else { return haystack.lowercased().contains(lowered) }
        var utf8 = haystack.utf8
        if let found = utf8.withContiguousStorageIfAvailable({ search($0) }) { return found }
        var copy = haystack
        copy.makeContiguousUTF8()
        utf8 = copy.utf8
        return utf8.withContiguousStorageIfAvailable { search($0) } ?? false
    }

    private func search(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard text.count >= count else { return false }
        let first = bytes[0]
        var start = 0
        while start <= text.count - count {
            if Self.lower(text[start]) == first {
                var offset = 1
                while offset < count, Self.lower(text[start + offset]) == bytes[offset] { offset += 1 }
                if offset == count { return true }
            }
            start += 1
        }
        return false
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}

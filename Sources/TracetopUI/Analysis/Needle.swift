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
        return Self.withBytes(of: haystack, search)
    }

    /// The haystack ends with the needle, ignoring case (the why-line's attribute-key rules, `…timeout`).
    func isSuffix(of haystack: String) -> Bool {
        guard isASCII else { return haystack.lowercased().hasSuffix(lowered) }
        // From the end: most keys differ in their last byte, so the check usually stops at once.
        return Self.withBytes(of: haystack) { text in
            guard text.count >= bytes.count else { return false }
            let offset = text.count - bytes.count
            var index = bytes.count - 1
            while index >= 0 {
                if Self.lower(text[offset + index]) != bytes[index] { return false }
                index -= 1
            }
            return true
        }
    }

    /// The haystack is the needle, ignoring case.
    func matchesWhole(_ haystack: String) -> Bool {
        guard isASCII else { return haystack.lowercased() == lowered }
        guard haystack.utf8.count == bytes.count else { return false }
        return isSuffix(of: haystack)
    }

    private static func withBytes(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(body) ?? false
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

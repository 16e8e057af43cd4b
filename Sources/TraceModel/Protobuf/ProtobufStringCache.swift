/// Shares one `String` among the identical strings of a request: attribute keys, span names, routes, hosts
/// and SDK names repeat on nearly every span of a batch, and each longer than 15 bytes would otherwise cost
/// an allocation and a UTF-8 check (allocation is most of the decoding cost). Shorter strings are stored
/// inline by `String` and need no help.
///
/// A fixed, direct-mapped table: a miss simply replaces the slot, so the table is bounded whatever a request
/// holds, and hostile input can only make it miss. Slots remember where in the request their string came
/// from, so a hit is checked against the request bytes themselves. The table is manually allocated so that
/// readers (copied for every nested message) carry a plain pointer rather than a reference to retain.
struct ProtobufStringCache {
    private struct Slot {
        var offset = 0
        var length = 0
        var string = ""
    }

    private static let slotCount = 256
    /// Strings above this length are rarely repeated (stack traces, queries) and cost more to compare.
    private static let maxLength = 512
    private let slots: UnsafeMutablePointer<Slot>

    /// Pair every `allocate()` with `deallocate()` (a `defer` in the decoder that owns the cache).
    static func allocate() -> ProtobufStringCache {
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(), count: slotCount)
        return ProtobufStringCache(slots: slots)
    }

    func deallocate() {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// The string for `length` bytes at `offset` of the request starting at `base`.
    @inline(__always)
    func string(at offset: Int, length: Int, in base: UnsafeRawPointer) -> String {
        let start = base + offset
        guard length > 15, length <= Self.maxLength else {
            return String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
        }
        let head = start.loadUnaligned(as: UInt64.self)
        let tail = start.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        var hash = (head ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ tail ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
        let slot = slots + Int(truncatingIfNeeded: hash >> 56)
        if slot.pointee.length == length, Self.equal(start, base + slot.pointee.offset, count: length) {
            return slot.pointee.string
        }
        let string = String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
        slot.pointee = Slot(offset: offset, length: length, string: string)
        return string
    }

    /// Byte equality, eight bytes at a time (`count` is at least 16 here).
    @inline(__always)
    private static func equal(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            if lhs.loadUnaligned(fromByteOffset: index, as: UInt64.self) != rhs.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                return false
            }
            index += 8
        }
        return lhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == rhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
}

/// A bounded table from byte ranges of one request to the values decoded from them, so that identical bytes
/// met again in the same request give the value made the first time instead of a new one (allocation is most
/// of the decoding cost). The caches built on it decide which bytes are worth looking up.
///
/// Direct-mapped: a miss simply replaces the slot, so the table is bounded whatever a request holds, and hostile
/// input can only make it miss. Slots remember where in the request their bytes came from, so a hit is checked
/// against the request bytes themselves, never against a hash alone. The table is manually allocated so that
/// readers (copied for every nested message) carry a plain pointer rather than a reference to retain.
struct ProtobufBytesTable<Value> {
    private struct Slot {
        var offset: Int
        var length: Int
        var value: Value
    }

    /// Byte ranges shorter than this cannot be hashed by `slot(for:length:)` (it reads eight bytes at each end).
    static var minLength: Int { 8 }

    private let slots: UnsafeMutablePointer<Slot>
    private let slotCount: Int
    /// `64 - log2(slotCount)`: the top bits of the hash pick the slot.
    private let shift: UInt64

    /// A table of `slotCount` slots (a power of two), each holding `placeholder` until first used. Pair every
    /// `allocate` with `deallocate()` (a `defer` in the decoder that owns the table).
    static func allocate(slotCount: Int, placeholder: Value) -> ProtobufBytesTable {
        precondition(slotCount > 1 && slotCount & (slotCount - 1) == 0, "slot count must be a power of two")
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(offset: 0, length: 0, value: placeholder), count: slotCount)
        return ProtobufBytesTable(slots: slots, slotCount: slotCount, shift: UInt64(64 - slotCount.trailingZeroBitCount))
    }

    /// A power of two near `byteCount / bytesPerSlot`, within `range`: a one-span request should not pay for
    /// setting up a table sized for a batch of 512.
    static func slotCount(forRequestOf byteCount: Int, bytesPerSlot: Int, within range: ClosedRange<Int>) -> Int {
        let wanted = min(max(byteCount / bytesPerSlot, range.lowerBound), range.upperBound)
        return 1 << (Int.bitWidth - (wanted - 1).leadingZeroBitCount)
    }

    func deallocate() {
        slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    /// The value for the `length` bytes at `offset` of the request starting at `base` (`length` is at least
    /// `minLength`): the one stored for equal bytes, else what `make` returns (then stored). If `make` throws,
    /// the table is unchanged.
    @inline(__always)
    func value<Failure: Error>(
        at offset: Int, length: Int, in base: UnsafeRawPointer, make: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let start = base + offset
        let slot = slots + slotIndex(start, length: length)
        if slot.pointee.length == length, Self.equal(start, base + slot.pointee.offset, count: length) {
            return slot.pointee.value
        }
        let value = try make()
        slot.pointee = Slot(offset: offset, length: length, value: value)
        return value
    }

    /// Mixes the length with the first and last eight bytes: cheap, and enough to spread keys, names and
    /// attributes (which differ at their start or their end) over the slots.
    @inline(__always)
    private func slotIndex(_ start: UnsafeRawPointer, length: Int) -> Int {
        let head = start.loadUnaligned(as: UInt64.self)
        let tail = start.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        var hash = (head ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ tail ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: hash >> shift)
    }

    /// Byte equality, eight bytes at a time (`count` is at least 8 here).
    @inline(__always)
    private static func equal(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            if lhs.loadUnaligned(fromByteOffset: index, as: UInt64.self) != rhs.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                return false
            }
            index += 8
        }
        return lhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == rhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
}

/// Hex helpers shared by the id types.
package enum HexDigits {
    private static let lowercase: [UInt8] = Array("0123456789abcdef".utf8)

    /// Value of one ASCII hex digit, either case, or nil.
    @inline(__always)
    package static func value(of byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(byte &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(byte &- UInt8(ascii: "A") &+ 10)
        default: return nil
        }
    }

    /// Parses 16 hex digits starting at `offset`.
    package static func parseUInt64(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> UInt64? {
        var result: UInt64 = 0
        for index in offset..<(offset + 16) {
            guard let digit = value(of: bytes[index]) else { return nil }
            result = result << 4 | digit
        }
        return result
    }

    package static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let shift = UInt64((15 - index) * 4)
                buffer[index] = lowercase[Int((value >> shift) & 0xF)]
            }
            return 16
        }
    }

    package static func bigEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64((7 - $0) * 8)) }
    }
}

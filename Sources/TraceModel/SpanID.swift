/// An 8-byte span id. Zero is invalid (and means "no parent" where a parent is optional).
package struct SpanID: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let value: UInt64

    package init(_ value: UInt64) { self.value = value }

    package static let zero = SpanID(0)
    package var isValid: Bool { value != 0 }

    /// Parses exactly 16 hex digits, either case.
    package init?(hex: some StringProtocol) {
        var utf8 = Array(hex.utf8)
        guard utf8.count == 16 else { return nil }
        guard let id = utf8.withUnsafeMutableBytes({ SpanID(hexBytes: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = id
    }

    package init?(hexBytes: UnsafeRawBufferPointer) {
        guard hexBytes.count == 16, let value = HexDigits.parseUInt64(hexBytes, from: 0) else { return nil }
        self.init(value)
    }

    package init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 8 else { return nil }
        self.init(bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    package var bytes: [UInt8] { HexDigits.bigEndianBytes(value) }
    package var hex: String { HexDigits.hex(value) }
    package var description: String { hex }

    package static func < (lhs: SpanID, rhs: SpanID) -> Bool { lhs.value < rhs.value }
}

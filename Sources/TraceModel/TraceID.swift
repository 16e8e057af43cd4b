/// A 16-byte W3C / OpenTelemetry trace id, held as two big-endian halves so it is a plain value.
/// All-zero is the "invalid" id of the specification; the decoders never produce a stored span with it.
package struct TraceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let high: UInt64
    package let low: UInt64

    package init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    package static let zero = TraceID(high: 0, low: 0)
    package var isValid: Bool { high != 0 || low != 0 }

    /// Parses exactly 32 hex digits, either case.
    package init?(hex: some StringProtocol) {
        var utf8 = Array(hex.utf8)
        guard utf8.count == 32 else { return nil }
        guard let id = utf8.withUnsafeMutableBytes({ TraceID(hexBytes: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = id
    }

    /// Parses exactly 32 ASCII hex digits from raw bytes (the JSON decoder's fast path).
    package init?(hexBytes: UnsafeRawBufferPointer) {
        guard hexBytes.count == 32,
            let high = HexDigits.parseUInt64(hexBytes, from: 0),
            let low = HexDigits.parseUInt64(hexBytes, from: 16)
        else { return nil }
        self.init(high: high, low: low)
    }

    /// 16 bytes, big-endian, as stored and as sent in protobuf.
    package init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }

    package var bytes: [UInt8] { HexDigits.bigEndianBytes(high) + HexDigits.bigEndianBytes(low) }

    /// Lowercase, 32 digits: the one spelling used in storage keys, the API and the UI.
    package var hex: String { HexDigits.hex(high) + HexDigits.hex(low) }
    package var description: String { hex }

    package static func < (lhs: TraceID, rhs: TraceID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

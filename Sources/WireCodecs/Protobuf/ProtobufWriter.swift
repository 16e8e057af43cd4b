/// Writes the protobuf wire format. Fields holding their default value are left out, as proto3 encoders do;
/// embedded messages get their length prefix patched in after their body is written, so nothing is encoded twice.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func append(contentsOf raw: some Sequence<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    mutating func writeTag(_ field: UInt32, _ wireType: ProtobufWireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    mutating func writeVarintField(_ field: UInt32, _ value: UInt64) {
        guard value != 0 else { return }
        writeTag(field, .varint)
        writeVarint(value)
    }

    /// int32 and enum values: negative numbers are sign-extended to ten bytes, as the specification requires.
    mutating func writeInt32Field(_ field: UInt32, _ value: Int32) {
        writeVarintField(field, UInt64(bitPattern: Int64(value)))
    }

    mutating func writeFixed64Field(_ field: UInt32, _ value: UInt64) {
        guard value != 0 else { return }
        writeTag(field, .fixed64)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func writeFixed32Field(_ field: UInt32, _ value: UInt32) {
        guard value != 0 else { return }
        writeTag(field, .fixed32)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func writeBytesField(_ field: UInt32, _ value: some Collection<UInt8>) {
        guard !value.isEmpty else { return }
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeStringField(_ field: UInt32, _ value: String) {
        writeBytesField(field, value.utf8)
    }

    /// An embedded message, written even when empty (an element of a repeated field must not vanish).
    mutating func writeMessageField(_ field: UInt32, _ body: (inout ProtobufWriter) -> Void) {
        writeTag(field, .lengthDelimited)
        let lengthAt = bytes.count
        bytes.append(0)
        body(&self)
        let length = bytes.count - lengthAt - 1
        let extra = Self.varintSize(UInt64(length)) - 1
        if extra > 0 {
            bytes.insert(contentsOf: repeatElement(0, count: extra), at: lengthAt + 1)
        }
        var rest = UInt64(length)
        for index in lengthAt...(lengthAt + extra) {
            bytes[index] = UInt8(truncatingIfNeeded: rest) | (index < lengthAt + extra ? 0x80 : 0)
            rest >>= 7
        }
    }

    static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var rest = value >> 7
        while rest != 0 {
            size += 1
            rest >>= 7
        }
        return size
    }
}

import TraceModel

/// Reads what `BinaryWriter` wrote. Stored rows are our own, but a damaged file must give an error, not a crash:
/// every read is bounds-checked.
struct BinaryReader {
    struct Corrupt: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "stored row is damaged at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }

    /// Back to a position read before (to let another reader take a value whose tag was peeked at).
    mutating func rewind(to position: Int) { offset = position }

    mutating func readByte() throws -> UInt8 {
        guard offset < bytes.count else { throw Corrupt(offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw Corrupt(offset: offset) }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func readSigned() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func readUInt32() throws -> UInt32 { UInt32(truncatingIfNeeded: try readVarint()) }

    mutating func readLength() throws -> Int {
        let length = try readVarint()
        guard length <= UInt64(bytes.count - offset) else { throw Corrupt(offset: offset) }
        return Int(length)
    }

    mutating func readString() throws -> String {
        let length = try readLength()
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    /// A string whose length was read already (as part of another varint).
    mutating func readString(length: UInt64) throws -> String {
        guard length <= UInt64(bytes.count - offset) else { throw Corrupt(offset: offset) }
        let length = Int(length)
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    mutating func readBytes() throws -> [UInt8] {
        let length = try readLength()
        defer { offset += length }
        return Array(bytes[offset..<(offset + length)])
    }

    mutating func readFixed64() throws -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Corrupt(offset: offset) }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(index * 8) }
        offset += 8
        return value
    }

    mutating func readAttributes() throws -> [KeyValue] {
        let count = try readLength()
        var attributes: [KeyValue] = []
        attributes.reserveCapacity(count)
        for _ in 0..<count {
            let key = try readString()
            attributes.append(KeyValue(key, try readValue()))
        }
        return attributes
    }

    mutating func readValue() throws -> AnyValue {
        let tag = try readByte()
        switch tag {
        case ValueTag.empty: return .empty
        case ValueTag.string: return .string(try readString())
        case ValueTag.boolFalse: return .bool(false)
        case ValueTag.boolTrue: return .bool(true)
        case ValueTag.int: return .int(try readSigned())
        case ValueTag.double: return .double(Double(bitPattern: try readFixed64()))
        case ValueTag.bytes: return .bytes(try readBytes())
        case ValueTag.array:
            let count = try readLength()
            var values: [AnyValue] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try readValue()) }
            return .array(values)
        case ValueTag.kvlist: return .kvlist(try readAttributes())
        default: throw Corrupt(offset: offset - 1)
        }
    }
}

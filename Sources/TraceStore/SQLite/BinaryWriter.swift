import TraceModel

/// A compact binary encoding for the parts of spans and logs that are stored but never queried by SQL
/// (attributes, events, links, bodies). Varint lengths, one tag byte per value; no keys for absent fields.
/// The format is private to this store: readers and writers live side by side in this folder.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Empties the buffer but keeps its storage, so one writer serves a whole batch.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func writeSigned(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func writeBytes(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    mutating func writeFixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func writeAttributes(_ attributes: [KeyValue]) {
        writeVarint(UInt64(attributes.count))
        for attribute in attributes {
            writeString(attribute.key)
            writeValue(attribute.value)
        }
    }

    mutating func writeValue(_ value: AnyValue) {
        switch value {
        case .empty: bytes.append(ValueTag.empty)
        case .string(let string): bytes.append(ValueTag.string); writeString(string)
        case .bool(let bool): bytes.append(bool ? ValueTag.boolTrue : ValueTag.boolFalse)
        case .int(let int): bytes.append(ValueTag.int); writeSigned(int)
        case .double(let double): bytes.append(ValueTag.double); writeFixed64(double.bitPattern)
        case .bytes(let data): bytes.append(ValueTag.bytes); writeBytes(data)
        case .array(let values):
            bytes.append(ValueTag.array)
            writeVarint(UInt64(values.count))
            for element in values { writeValue(element) }
        case .kvlist(let pairs):
            bytes.append(ValueTag.kvlist)
            writeAttributes(pairs)
        }
    }
}

enum ValueTag {
    static let empty: UInt8 = 0
    static let string: UInt8 = 1
    static let boolFalse: UInt8 = 2
    static let boolTrue: UInt8 = 3
    static let int: UInt8 = 4
    static let double: UInt8 = 5
    static let bytes: UInt8 = 6
    static let array: UInt8 = 7
    static let kvlist: UInt8 = 8
    /// A string held in the dictionary (see `StringDictionary`): its id follows.
    static let stringRef: UInt8 = 9
}

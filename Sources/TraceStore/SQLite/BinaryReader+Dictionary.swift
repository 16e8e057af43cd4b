import TraceModel

/// Reads the dictionary form `BinaryWriter.writeAttributes(_:interner:)` writes. `dictionary[id - 1]` is the
/// string of `id` (a `DictionaryCache` snapshot).
extension BinaryReader {
    mutating func readAttributes(dictionary: [String]) throws -> [KeyValue] {
        let count = try readLength()
        var attributes: [KeyValue] = []
        attributes.reserveCapacity(count)
        for _ in 0..<count {
            let keyTag = try readVarint()
            let key: String
            if keyTag & 1 == 0 {
                key = try lookUp(keyTag >> 1, in: dictionary)
            } else {
                key = try readString(length: keyTag >> 1)
            }
            attributes.append(KeyValue(key, try readValue(dictionary: dictionary)))
        }
        return attributes
    }

    mutating func readValue(dictionary: [String]) throws -> AnyValue {
        let start = offset
        let tag = try readByte()
        switch tag {
        case ValueTag.stringRef: return .string(try lookUp(try readVarint(), in: dictionary))
        case ValueTag.array:
            let count = try readLength()
            var values: [AnyValue] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try readValue(dictionary: dictionary)) }
            return .array(values)
        case ValueTag.kvlist: return .kvlist(try readAttributes(dictionary: dictionary))
        default:
            rewind(to: start)
            return try readValue()
        }
    }

    private func lookUp(_ id: UInt64, in dictionary: [String]) throws -> String {
        guard id >= 1, id <= UInt64(dictionary.count) else { throw Corrupt(offset: offset) }
        return dictionary[Int(id - 1)]
    }
}

import TraceModel

/// The dictionary form of attributes, used in span and log bodies (see `StringDictionary`): a key is
/// `id << 1`, or `length << 1 | 1` followed by its bytes; a string value is `ValueTag.stringRef` and an id,
/// or `ValueTag.string` inline. Resources and scopes keep the plain form: they are stored once each anyway.
extension BinaryWriter {
    mutating func writeAttributes(_ attributes: [KeyValue], interner: inout StringInterner) {
        writeVarint(UInt64(attributes.count))
        for attribute in attributes {
            let keyID = interner.keyID(attribute.key)
            if let keyID {
                writeVarint(keyID << 1)
            } else {
                var key = attribute.key
                key.withUTF8 { utf8 in
                    writeVarint(UInt64(utf8.count) << 1 | 1)
                    append(utf8)
                }
            }
            writeValue(attribute.value, keyID: keyID, interner: &interner)
        }
    }

    mutating func writeValue(_ value: AnyValue, keyID: UInt64?, interner: inout StringInterner) {
        switch value {
        case .string(let string):
            if let id = interner.valueID(string, keyID: keyID) {
                append(ValueTag.stringRef)
                writeVarint(id)
            } else {
                writeValue(value)
            }
        case .array(let values):
            append(ValueTag.array)
            writeVarint(UInt64(values.count))
            for element in values { writeValue(element, keyID: keyID, interner: &interner) }
        case .kvlist(let pairs):
            append(ValueTag.kvlist)
            writeAttributes(pairs, interner: &interner)
        case .empty, .bool, .int, .double, .bytes:
            writeValue(value)
        }
    }
}

import TraceModel

/// Encoding of the messages traces and logs share: AnyValue, KeyValue, Resource, InstrumentationScope.
extension ProtobufWriter {
    mutating func writeAttributes(_ field: UInt32, _ attributes: [KeyValue]) {
        for attribute in attributes {
            writeMessageField(field) { $0.writeKeyValue(attribute) }
        }
    }

    mutating func writeKeyValue(_ pair: KeyValue) {
        writeStringField(OTLPField.KeyValue.key, pair.key)
        if pair.value != .empty {
            writeMessageField(OTLPField.KeyValue.value) { $0.writeAnyValue(pair.value) }
        }
    }

    /// The body of an `AnyValue`. Unlike plain fields, a oneof member is written even when it holds its
    /// default (`false`, `0`, `""`): that is what tells `.string("")` from `.empty`.
    mutating func writeAnyValue(_ value: AnyValue) {
        switch value {
        case .empty:
            break
        case .string(let text):
            writeTag(OTLPField.AnyValue.stringValue, .lengthDelimited)
            writeVarint(UInt64(text.utf8.count))
            append(contentsOf: text.utf8)
        case .bool(let flag):
            writeTag(OTLPField.AnyValue.boolValue, .varint)
            writeVarint(flag ? 1 : 0)
        case .int(let number):
            writeTag(OTLPField.AnyValue.intValue, .varint)
            writeVarint(UInt64(bitPattern: number))
        case .double(let number):
            writeTag(OTLPField.AnyValue.doubleValue, .fixed64)
            withUnsafeBytes(of: number.bitPattern.littleEndian) { append(contentsOf: $0) }
        case .bytes(let data):
            writeTag(OTLPField.AnyValue.bytesValue, .lengthDelimited)
            writeVarint(UInt64(data.count))
            append(contentsOf: data)
        case .array(let values):
            writeMessageField(OTLPField.AnyValue.arrayValue) { writer in
                for element in values {
                    writer.writeMessageField(OTLPField.AnyValue.listValues) { $0.writeAnyValue(element) }
                }
            }
        case .kvlist(let pairs):
            writeMessageField(OTLPField.AnyValue.kvlistValue) { writer in
                writer.writeAttributes(OTLPField.AnyValue.listValues, pairs)
            }
        }
    }

    mutating func writeResource(_ resource: Resource) {
        writeAttributes(OTLPField.Resource.attributes, resource.attributes)
        writeVarintField(OTLPField.Resource.droppedAttributesCount, UInt64(resource.droppedAttributesCount))
    }

    mutating func writeScope(_ scope: InstrumentationScope) {
        writeStringField(OTLPField.Scope.name, scope.name)
        writeStringField(OTLPField.Scope.version, scope.version)
        writeAttributes(OTLPField.Scope.attributes, scope.attributes)
        writeVarintField(OTLPField.Scope.droppedAttributesCount, UInt64(scope.droppedAttributesCount))
    }
}

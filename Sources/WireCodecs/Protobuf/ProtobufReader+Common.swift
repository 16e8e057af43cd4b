import TraceModel

/// Decoding of the messages traces and logs share: AnyValue, KeyValue, Resource, InstrumentationScope.
/// Each `decode…` method reads the reader's whole message (the reader was made by `readMessage()`).
extension ProtobufReader {
    /// Appends one `KeyValue` message's attribute (read from its own reader) to `attributes`.
    @inline(__always)
    mutating func appendKeyValue(to attributes: inout [KeyValue], tag: ProtobufTag, _ field: StaticString) throws(OTLPDecodingError) {
        try expect(tag, .lengthDelimited, field)
        if attributes.isEmpty { attributes.reserveCapacity(countConsecutive(tag.field, from: tag.offset)) }
        var nested = try readMessage()
        attributes.append(try nested.decodeAttribute())
    }

    /// `depth` counts the AnyValues enclosing this pair (0 for an attribute); its value is one level deeper.
    mutating func decodeKeyValue(depth: Int) throws(OTLPDecodingError) -> KeyValue {
        var key = ""
        var value = AnyValue.empty
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case OTLPField.KeyValue.key:
                try expect(tag, .lengthDelimited, "KeyValue.key")
                key = try readString()
            case OTLPField.KeyValue.value:
                try expect(tag, .lengthDelimited, "KeyValue.value")
                var nested = try readMessage()
                value = try nested.decodeAnyValue(depth: depth + 1)
            default:
                try skip(tag)
            }
        }
        return KeyValue(key, value)
    }

    /// One `AnyValue`. It is a oneof: when a sender sets several members, the last one wins (protobuf's rule).
    /// `depth` counts the AnyValues enclosing this one; past the limit the request is refused.
    mutating func decodeAnyValue(depth: Int) throws(OTLPDecodingError) -> AnyValue {
        guard depth <= ProtobufLimits.maxAnyValueDepth else {
            throw OTLPDecodingError(
                "protobuf: AnyValue at byte offset \(position) is nested deeper than \(ProtobufLimits.maxAnyValueDepth) levels"
            )
        }
        var value = AnyValue.empty
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case OTLPField.AnyValue.stringValue:
                try expect(tag, .lengthDelimited, "AnyValue.string_value")
                value = .string(try readString())
            case OTLPField.AnyValue.boolValue:
                try expect(tag, .varint, "AnyValue.bool_value")
                value = .bool(try readVarint() != 0)
            case OTLPField.AnyValue.intValue:
                try expect(tag, .varint, "AnyValue.int_value")
                value = .int(Int64(bitPattern: try readVarint()))
            case OTLPField.AnyValue.doubleValue:
                try expect(tag, .fixed64, "AnyValue.double_value")
                value = .double(Double(bitPattern: try readFixed64()))
            case OTLPField.AnyValue.arrayValue:
                try expect(tag, .lengthDelimited, "AnyValue.array_value")
                var nested = try readMessage()
                value = .array(try nested.decodeArrayValue(depth: depth))
            case OTLPField.AnyValue.kvlistValue:
                try expect(tag, .lengthDelimited, "AnyValue.kvlist_value")
                var nested = try readMessage()
                value = .kvlist(try nested.decodeKeyValueList(depth: depth))
            case OTLPField.AnyValue.bytesValue:
                try expect(tag, .lengthDelimited, "AnyValue.bytes_value")
                value = .bytes(Array(try readBytes()))
            default:
                try skip(tag)
            }
        }
        return value
    }

    private mutating func decodeArrayValue(depth: Int) throws(OTLPDecodingError) -> [AnyValue] {
        var values: [AnyValue] = []
        while !isAtEnd {
            let tag = try readTag()
            if tag.field == OTLPField.AnyValue.listValues {
                try expect(tag, .lengthDelimited, "ArrayValue.values")
                if values.isEmpty { values.reserveCapacity(countConsecutive(tag.field, from: tag.offset)) }
                var nested = try readMessage()
                values.append(try nested.decodeAnyValue(depth: depth + 1))
            } else {
                try skip(tag)
            }
        }
        return values
    }

    private mutating func decodeKeyValueList(depth: Int) throws(OTLPDecodingError) -> [KeyValue] {
        var pairs: [KeyValue] = []
        while !isAtEnd {
            let tag = try readTag()
            if tag.field == OTLPField.AnyValue.listValues {
                try expect(tag, .lengthDelimited, "KeyValueList.values")
                if pairs.isEmpty { pairs.reserveCapacity(countConsecutive(tag.field, from: tag.offset)) }
                var nested = try readMessage()
                pairs.append(try nested.decodeKeyValue(depth: depth))
            } else {
                try skip(tag)
            }
        }
        return pairs
    }

    /// Merges a `Resource` message into `resource` (a repeated embedded message merges, as protobuf specifies).
    mutating func decodeResource(into resource: inout Resource) throws(OTLPDecodingError) {
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case OTLPField.Resource.attributes:
                try appendKeyValue(to: &resource.attributes, tag: tag, "Resource.attributes")
            case OTLPField.Resource.droppedAttributesCount:
                try expect(tag, .varint, "Resource.dropped_attributes_count")
                resource.droppedAttributesCount = UInt32(truncatingIfNeeded: try readVarint())
            default:
                try skip(tag)
            }
        }
    }

    mutating func decodeScope(into scope: inout InstrumentationScope) throws(OTLPDecodingError) {
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case OTLPField.Scope.name:
                try expect(tag, .lengthDelimited, "InstrumentationScope.name")
                scope.name = try readString()
            case OTLPField.Scope.version:
                try expect(tag, .lengthDelimited, "InstrumentationScope.version")
                scope.version = try readString()
            case OTLPField.Scope.attributes:
                try appendKeyValue(to: &scope.attributes, tag: tag, "InstrumentationScope.attributes")
            case OTLPField.Scope.droppedAttributesCount:
                try expect(tag, .varint, "InstrumentationScope.dropped_attributes_count")
                scope.droppedAttributesCount = UInt32(truncatingIfNeeded: try readVarint())
            default:
                try skip(tag)
            }
        }
    }
}

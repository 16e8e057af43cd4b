import JSONToolkit
import TraceModel

/// The messages traces and logs share: AnyValue, attributes, Resource, InstrumentationScope.
extension OTLPJSONDecoding {
    /// An AnyValue object. `{}` (or only unknown keys, or a `null` member) is `.empty`; when several value
    /// keys are present the last one wins, as protobuf's oneof does.
    mutating func anyValue(_ field: StaticString?) throws(JSONParseError) -> AnyValue {
        var value = AnyValue.empty
        try readObject(field, AnyValueField.self) { decoder, member throws(JSONParseError) in
            // null is "not set" for a oneof member: it must not turn an earlier value into a default.
            if try decoder.reader.consumeNull() { return }
            switch member {
            case .stringValue: value = .string(try decoder.string("stringValue"))
            case .boolValue: value = .bool(try decoder.bool("boolValue"))
            case .intValue: value = .int(try decoder.int64("intValue"))
            case .doubleValue: value = .double(try decoder.double("doubleValue"))
            case .bytesValue: value = .bytes(try decoder.base64("bytesValue"))
            case .arrayValue:
                var elements: [AnyValue] = []
                try decoder.readObject("arrayValue", ValuesField.self) { decoder, _ throws(JSONParseError) in
                    try decoder.readArray("values") { decoder throws(JSONParseError) in
                        elements.append(try decoder.anyValue(nil))
                    }
                }
                value = .array(elements)
            case .kvlistValue:
                var pairs: [KeyValue] = []
                try decoder.readObject("kvlistValue", ValuesField.self) { decoder, _ throws(JSONParseError) in
                    pairs = try decoder.keyValues("values")
                }
                value = .kvlist(pairs)
            }
        }
        return value
    }

    /// A list of `{key, value}`: attributes, or a kvlist's values.
    mutating func keyValues(_ field: StaticString) throws(JSONParseError) -> [KeyValue] {
        var pairs: [KeyValue] = []
        try readArray(field) { decoder throws(JSONParseError) in
            var key = ""
            var value = AnyValue.empty
            try decoder.readObject(nil, KeyValueField.self) { decoder, member throws(JSONParseError) in
                switch member {
                case .key: key = try decoder.string("key")
                case .value: value = try decoder.anyValue("value")
                }
            }
            pairs.append(KeyValue(key, value))
        }
        return pairs
    }

    mutating func resource(_ field: StaticString) throws(JSONParseError) -> Resource {
        var resource = Resource()
        try readObject(field, ResourceField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .attributes: resource.attributes = try decoder.keyValues("attributes")
            case .droppedAttributesCount: resource.droppedAttributesCount = try decoder.uint32("droppedAttributesCount")
            }
        }
        return resource
    }

    mutating func scope(_ field: StaticString) throws(JSONParseError) -> InstrumentationScope {
        var scope = InstrumentationScope()
        try readObject(field, ScopeField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .name: scope.name = try decoder.string("name")
            case .version: scope.version = try decoder.string("version")
            case .attributes: scope.attributes = try decoder.keyValues("attributes")
            case .droppedAttributesCount: scope.droppedAttributesCount = try decoder.uint32("droppedAttributesCount")
            }
        }
        return scope
    }

    /// Runs a whole-document decode: the top level must be one object, nothing may follow it, and any
    /// failure becomes an `OTLPDecodingError` naming the path and byte offset.
    mutating func decodeDocument(
        _ what: String, _ body: (inout OTLPJSONDecoding) throws(JSONParseError) -> Void
    ) throws(OTLPDecodingError) {
        do throws(JSONParseError) {
            reader.skipByteOrderMark()
            guard reader.peek() == UInt8(ascii: "{") else { throw reader.mismatch(expected: "a JSON object (\(what))") }
            try body(&self)
            try reader.finish()
        } catch {
            throw decodingError(error)
        }
    }
}

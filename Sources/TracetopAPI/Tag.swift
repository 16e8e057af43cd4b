import JSONToolkit
import TraceModel

/// A typed attribute in Jaeger's shape `{"key","type","value"}` (`string|bool|int64|float64|binary`), as the
/// API writes log attributes.
package struct Tag: Hashable, Sendable {
    package var key: String
    package var type: String?
    package var value: DisplayValue

    package init(key: String, value: DisplayValue, type: String? = nil) {
        self.key = key
        self.value = value
        self.type = type
    }

    package var text: String { value.displayString }

    /// An OTLP attribute as the API writes it: integers beyond 2^53 as strings (as Jaeger does, so JavaScript
    /// readers keep every digit), bytes as base64, arrays and maps as their JSON text.
    package init(_ attribute: KeyValue) {
        switch attribute.value {
        case .string(let text): self.init(key: attribute.key, value: .string(text), type: "string")
        case .bool(let flag): self.init(key: attribute.key, value: .bool(flag), type: "bool")
        case .int(let number):
            self.init(key: attribute.key, value: number.magnitude > 1 << 53 ? .string(String(number)) : .integer(number), type: "int64")
        case .double(let number): self.init(key: attribute.key, value: .number(number), type: "float64")
        case .bytes(let bytes): self.init(key: attribute.key, value: .string(Base64.encode(bytes)), type: "binary")
        case .empty, .array, .kvlist: self.init(key: attribute.key, value: .string(Self.jsonText(attribute.value)), type: "string")
        }
    }

    /// Reader; `key` is required.
    package init(json: JSONValue, path: String) throws(APIShapeError) {
        let fields = try JSONFields(json, path: path)
        key = try fields.requiredString("key")
        if case .string(let text)? = fields.object["type"] { type = text } else { type = nil }
        value = fields.object["value"].map(DisplayValue.init(json:)) ?? .null
    }

    package func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("key")
        writer.string(key)
        if let type {
            writer.key("type")
            writer.string(type)
        }
        writer.key("value")
        value.write(to: &writer)
        writer.endObject()
    }

    /// `[{key,type,value}, …]`.
    package static func write(_ tags: [Tag], to writer: inout JSONWriter) {
        writer.beginArray()
        for tag in tags { tag.write(to: &writer) }
        writer.endArray()
    }

    /// AnyValue as plain JSON text (arrays as arrays, kvlists as objects), where a value is shown as text.
    package static func jsonText(_ value: AnyValue) -> String {
        var writer = JSONWriter(capacity: 64)
        writeJSON(value, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private static func writeJSON(_ value: AnyValue, to writer: inout JSONWriter) {
        switch value {
        case .empty: writer.raw("null")
        case .string(let text): writer.string(text)
        case .bool(let flag): writer.bool(flag)
        case .int(let number): writer.number(number)
        case .double(let number): writer.double(number)
        case .bytes(let bytes): writer.string(Base64.encode(bytes))
        case .array(let values):
            writer.beginArray()
            for element in values { writeJSON(element, to: &writer) }
            writer.endArray()
        case .kvlist(let pairs):
            writer.beginObject()
            for pair in pairs {
                writer.key(pair.key)
                writeJSON(pair.value, to: &writer)
            }
            writer.endObject()
        }
    }
}

extension Array where Element == Tag {
    /// The text of the first tag with this key.
    package subscript(tag key: String) -> String? { first(where: { $0.key == key })?.text }
}

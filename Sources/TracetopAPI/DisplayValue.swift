import JSONToolkit
import TraceModel

/// Any JSON value the API may put where a reader only needs text (tag values, log bodies, attributes).
package enum DisplayValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int64)
    case string(String)
    case array([DisplayValue])
    case object([String: DisplayValue])

    /// The value as one line of text for display.
    package var displayString: String {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value): return value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): return value
        case .array(let values): return "[" + values.map(\.displayString).joined(separator: ",") + "]"
        case .object(let pairs):
            return "{" + pairs.keys.sorted().map { "\($0)=\(pairs[$0]!.displayString)" }.joined(separator: ",") + "}"
        }
    }

    /// Reader: integers stay exact, the first of duplicate keys wins.
    package init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let number):
            self = number.isInteger ? number.int64Value.map(Self.integer) ?? .number(number.doubleValue) : .number(number.doubleValue)
        case .string(let value): self = .string(value)
        case .array(let values): self = .array(values.map(Self.init(json:)))
        case .object(let object):
            var members: [String: DisplayValue] = [:]
            for member in object.members where members[member.key] == nil { members[member.key] = Self(json: member.value) }
            self = .object(members)
        }
    }

    /// Writer: the value as JSON (object keys sorted, so equal values write equal bytes).
    package func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.raw("null")
        case .bool(let value): writer.bool(value)
        case .number(let value): writer.double(value)
        case .integer(let value): writer.number(value)
        case .string(let value): writer.string(value)
        case .array(let values):
            writer.beginArray()
            for value in values { value.write(to: &writer) }
            writer.endArray()
        case .object(let pairs):
            writer.beginObject()
            for key in pairs.keys.sorted() {
                writer.key(key)
                pairs[key]!.write(to: &writer)
            }
            writer.endObject()
        }
    }
}

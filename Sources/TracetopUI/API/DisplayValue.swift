/// Any JSON value the API may put where the UI only needs text (tag values, log bodies, attributes).
public enum DisplayValue: Hashable, Sendable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int64)
    case string(String)
    case array([DisplayValue])
    case object([String: DisplayValue])

    public init(from decoder: any Decoder) throws {
        // Strings first: they are most values, and every failed attempt costs a thrown error.
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode([DisplayValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: DisplayValue].self))
        }
    }

    /// The value as one line of text for display.
    public var displayString: String {
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
}

/// A Jaeger tag `{key, type, value}` or a log attribute.
public struct Tag: Hashable, Sendable, Decodable {
    public var key: String
    public var type: String?
    public var value: DisplayValue

    public init(key: String, value: DisplayValue, type: String? = nil) {
        self.key = key
        self.value = value
        self.type = type
    }

    public var text: String { value.displayString }

    enum CodingKeys: String, CodingKey { case key, type, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        // The declared type says how to read the value, without trial and error; anything odd falls back.
        if type == "string" || type == "binary", let text = try? container.decode(String.self, forKey: .value) {
            value = .string(text)
        } else if type == "int64", let number = try? container.decode(Int64.self, forKey: .value) {
            value = .integer(number)
        } else {
            value = try container.decodeIfPresent(DisplayValue.self, forKey: .value) ?? .null
        }
    }
}

extension Array where Element == Tag {
    subscript(tag key: String) -> String? { first(where: { $0.key == key })?.text }
}

import TraceModel

extension Tag {
    /// An OTLP attribute as a Jaeger-typed tag (arrays and maps keep their structure as display values).
    init(_ attribute: KeyValue) {
        switch attribute.value {
        case .string(let text): self.init(key: attribute.key, value: .string(text), type: "string")
        case .bool(let flag): self.init(key: attribute.key, value: .bool(flag), type: "bool")
        case .int(let number): self.init(key: attribute.key, value: .integer(number), type: "int64")
        case .double(let number): self.init(key: attribute.key, value: .number(number), type: "float64")
        case .bytes: self.init(key: attribute.key, value: .string(attribute.value.displayString), type: "binary")
        case .empty: self.init(key: attribute.key, value: .null)
        case .array, .kvlist: self.init(key: attribute.key, value: DisplayValue(attribute.value))
        }
    }

    /// Back to an OTLP attribute (binary stays base64 text: the UI never held the bytes).
    var keyValue: KeyValue { KeyValue(key, value.anyValue) }
}

extension DisplayValue {
    init(_ value: AnyValue) {
        switch value {
        case .empty: self = .null
        case .string(let text): self = .string(text)
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .integer(number)
        case .double(let number): self = .number(number)
        case .bytes: self = .string(value.displayString)
        case .array(let values): self = .array(values.map(DisplayValue.init))
        case .kvlist(let pairs):
            self = .object(Dictionary(pairs.map { ($0.key, DisplayValue($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    var anyValue: AnyValue {
        switch self {
        case .null: return .empty
        case .bool(let flag): return .bool(flag)
        case .integer(let number): return .int(number)
        case .number(let number): return .double(number)
        case .string(let text): return .string(text)
        case .array(let values): return .array(values.map(\.anyValue))
        case .object(let pairs): return .kvlist(pairs.keys.sorted().map { KeyValue($0, pairs[$0]!.anyValue) })
        }
    }
}

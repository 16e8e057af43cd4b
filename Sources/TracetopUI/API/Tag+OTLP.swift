import TraceModel
import TracetopAPI

extension Tag {
    /// Back to an OTLP attribute for `:w` (binary stays base64 text, arrays and maps their JSON text: the views
    /// hold what they show).
    var keyValue: KeyValue {
        switch (type, value) {
        case ("int64"?, .string(let text)): return KeyValue(key, Int64(text).map(AnyValue.int) ?? .string(text))
        default: return KeyValue(key, value.anyValue)
        }
    }
}

extension DisplayValue {
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

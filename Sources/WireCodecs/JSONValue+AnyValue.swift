import JSONToolkit
import TraceModel

extension JSONValue {
    /// The attribute value of a JSON field with its JSON type kept: integers that fit in Int64 stay exact,
    /// other numbers become doubles, objects kvlists (key order and duplicates as sent), `null` the empty value.
    package var anyValue: AnyValue {
        switch self {
        case .null: return .empty
        case .bool(let value): return .bool(value)
        case .string(let value): return .string(value)
        case .number(let number):
            if let integer = number.int64Value { return .int(integer) }
            return .double(number.doubleValue)
        case .array(let elements): return .array(elements.map(\.anyValue))
        case .object(let object): return .kvlist(object.members.map { KeyValue($0.key, $0.value.anyValue) })
        }
    }
}

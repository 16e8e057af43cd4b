import JSONToolkit
import TraceModel

/// Where two JSON answers first differ: a path such as `$.data[3].spans[0].tags[2].value` and both values.
/// Objects compare by key (member order carries no meaning in JSON); arrays in order, except at the paths
/// given as unordered (a pattern writes every index as `[]`: `$.data[].services`), where they compare as lists
/// sorted by their canonical text, and at the paths given as ignored not at all. Numbers compare by their
/// text, so `0.33` and `0.330000001` differ.
struct JSONDifference: CustomStringConvertible {
    var path: String
    var reference: String
    var other: String

    var description: String { "first difference at \(path): SQLite \(reference), PostgreSQL \(other)" }

    struct Rules {
        var unordered: Set<String> = []
        var ignored: Set<String> = []
    }

    static func first(_ reference: JSONValue, _ other: JSONValue, rules: Rules = Rules()) -> JSONDifference? {
        first(reference, other, path: "$", pattern: "$", rules: rules)
    }

    private static func first(_ a: JSONValue, _ b: JSONValue, path: String, pattern: String, rules: Rules) -> JSONDifference? {
        if rules.ignored.contains(pattern) { return nil }
        switch (a, b) {
        case (.object(let x), .object(let y)):
            let keys = Set(x.members.map(\.key)).union(y.members.map(\.key)).sorted()
            for key in keys {
                guard let left = x[key], let right = y[key] else {
                    return JSONDifference(
                        path: path + "." + key, reference: x[key].map(brief) ?? "(absent)", other: y[key].map(brief) ?? "(absent)")
                }
                if let difference = first(left, right, path: path + "." + key, pattern: pattern + "." + key, rules: rules) {
                    return difference
                }
            }
            return nil
        case (.array(var x), .array(var y)):
            if rules.unordered.contains(pattern) {
                x.sort { canonical($0) < canonical($1) }
                y.sort { canonical($0) < canonical($1) }
            }
            for (index, (left, right)) in zip(x, y).enumerated() {
                if let difference = first(left, right, path: path + "[\(index)]", pattern: pattern + "[]", rules: rules) {
                    return difference
                }
            }
            guard x.count == y.count else {
                return JSONDifference(path: path, reference: "\(x.count) elements", other: "\(y.count) elements")
            }
            return nil
        default:
            return a == b ? nil : JSONDifference(path: path, reference: brief(a), other: brief(b))
        }
    }

    private static func brief(_ value: JSONValue) -> String {
        let text = canonical(value)
        return text.count <= 160 ? text : String(text.prefix(160)) + "…"
    }

    /// The value as JSON text with object keys sorted: equal values give equal text.
    static func canonical(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.text
        case .string(let text):
            return "\""
                + text.unicodeScalars.map {
                    $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? String($0) : "\\u{\(String($0.value, radix: 16))}"
                }.joined() + "\""
        case .array(let elements): return "[" + elements.map(canonical).joined(separator: ",") + "]"
        case .object(let object):
            return "{"
                + object.members.sorted { $0.key < $1.key }.map { canonical(.string($0.key)) + ":" + canonical($0.value) }.joined(
                    separator: ",") + "}"
        }
    }
}

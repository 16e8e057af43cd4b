import JSONToolkit

/// A client's value as shown inside an error message: short, and with control characters escaped, because the
/// message travels back to the client and into logs and terminals.
enum Quoted {
    static let maxCharacters = 64

    static func json(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let number): return clipped(number.text)
        case .string(let text): return "\"" + clipped(text) + "\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    static func string(_ text: String) -> String { "\"" + clipped(text) + "\"" }

    private static func clipped(_ text: String) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == maxCharacters { return result + "…" }
            count += 1
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}":
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

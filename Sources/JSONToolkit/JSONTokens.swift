/// A string's content as a byte range of the input (quotes excluded). `hasEscapes` tells whether the bytes
/// can be used as they are or must be unescaped first: most strings have none, and then nothing is copied.
package struct JSONStringToken {
    package var start: Int
    package var end: Int
    package var hasEscapes: Bool

    package var count: Int { end - start }
}

/// A number literal as a byte range of the input. Kept as text so callers choose how to read it
/// (int64 digits must not go through Double).
package struct JSONNumberToken {
    package var start: Int
    package var end: Int
    /// No fraction and no exponent.
    package var isInteger: Bool
}

/// The kind of value that starts with a given byte, for "expected X, found Y" messages.
package enum JSONValueKind {
    case object, array, string, number, bool, null, endOfInput, invalid

    package init(firstByte: UInt8?) {
        guard let firstByte else {
            self = .endOfInput
            return
        }
        switch firstByte {
        case UInt8(ascii: "{"): self = .object
        case UInt8(ascii: "["): self = .array
        case UInt8(ascii: "\""): self = .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): self = .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): self = .bool
        case UInt8(ascii: "n"): self = .null
        default: self = .invalid
        }
    }

    package var phrase: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .endOfInput: return "the end of the input"
        case .invalid: return "an invalid character"
        }
    }
}

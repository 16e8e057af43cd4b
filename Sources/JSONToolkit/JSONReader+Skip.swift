/// Skipping a value the caller does not want (unknown OTLP keys): still fully validated, so a document is
/// either accepted whole or rejected with the offset of its first error.
extension JSONReader {
    package mutating func skipValue() throws(JSONParseError) {
        switch peek() ?? 0 {  // 0: end of input, reported by `default`
        case UInt8(ascii: "{"):
            guard try openObject() else { return }
            repeat {
                _ = try readKey()
                try skipValue()
            } while try nextMember()
        case UInt8(ascii: "["):
            guard try openArray() else { return }
            repeat {
                try skipValue()
            } while try nextElement()
        case UInt8(ascii: "\""):
            _ = try readStringToken()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            try readLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try readNumberToken()
        default:
            throw unexpected(expected: "a JSON value")
        }
    }
}

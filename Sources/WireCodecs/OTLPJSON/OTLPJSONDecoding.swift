import JSONToolkit

/// The state shared by the OTLP JSON trace and log decoders: the byte reader, the path to the value being
/// read (for error messages and rejection reasons) and the rejections so far.
///
/// The path is a stack of static names and indexes, pushed and popped as the decoder descends, so it costs
/// no allocation on the hot path; it is turned into text only when something goes wrong. A thrown error
/// leaves the path as it was at the failure, which is exactly what the message needs.
struct OTLPJSONDecoding {
    enum PathComponent {
        case key(StaticString)
        case index(Int)
    }

    var reader: JSONReader
    var path: [PathComponent] = []
    var rejected = Rejections()
    var recentStrings = RecentStrings()

    init(_ bytes: UnsafeRawBufferPointer) {
        reader = JSONReader(bytes)
        path.reserveCapacity(32)
    }

    /// `resourceSpans[0].scopeSpans[1].spans[3].name`
    var pathDescription: String {
        var text = ""
        for component in path {
            switch component {
            case .key(let name):
                if !text.isEmpty { text += "." }
                text += "\(name)"
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// The whole-document error: the path to the failing value, what was wrong, and the byte offset.
    func decodingError(_ error: JSONParseError) -> OTLPDecodingError {
        let location = pathDescription
        if location.isEmpty { return OTLPDecodingError("invalid OTLP JSON: \(error.problem) at byte \(error.offset)") }
        return OTLPDecodingError("\(location): \(error.problem) at byte \(error.offset)")
    }

    /// "expected X, found Y" for the value of `field` (nil: the current path already names it).
    mutating func typeMismatch(_ field: StaticString?, expected: String) -> JSONParseError {
        if let field { path.append(.key(field)) }
        return reader.mismatch(expected: expected)
    }

    /// A value of the right JSON type that is still unacceptable ("-1" for a uint64).
    mutating func invalidValue(_ field: StaticString?, _ problem: String, at offset: Int) -> JSONParseError {
        if let field { path.append(.key(field)) }
        return reader.error(problem, at: offset)
    }

    // MARK: Objects and arrays

    /// Reads an object (or `null`, meaning the default: `member` is never called), handing each known key to
    /// `member` and skipping unknown ones. Returns false for `null`.
    @inline(__always)
    @discardableResult
    mutating func readObject<Field: OTLPFieldSet>(
        _ field: StaticString?, _ fields: Field.Type,
        _ member: (inout OTLPJSONDecoding, Field) throws(JSONParseError) -> Void
    ) throws(JSONParseError) -> Bool {
        switch reader.peek() ?? 0 {
        case UInt8(ascii: "{"): break
        case UInt8(ascii: "n"):
            try reader.readLiteral("null")
            return false
        default: throw typeMismatch(field, expected: "an object")
        }
        if let field { path.append(.key(field)) }
        if try reader.openObject() {
            repeat {
                let key = try reader.readKey()
                if let known = lookup(key, Field.self) {
                    try member(&self, known)
                } else {
                    try reader.skipValue()
                }
            } while try reader.nextMember()
        }
        if field != nil { path.removeLast() }
        return true
    }

    /// Reads an array (or `null`: empty), calling `element` once per element with the index on the path.
    @inline(__always)
    mutating func readArray(
        _ field: StaticString, _ element: (inout OTLPJSONDecoding) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        switch reader.peek() ?? 0 {
        case UInt8(ascii: "["): break
        case UInt8(ascii: "n"):
            try reader.readLiteral("null")
            return
        default: throw typeMismatch(field, expected: "an array")
        }
        path.append(.key(field))
        if try reader.openArray() {
            var index = 0
            path.append(.index(0))
            repeat {
                path[path.count - 1] = .index(index)
                try element(&self)
                index += 1
            } while try reader.nextElement()
            path.removeLast()
        }
        path.removeLast()
    }

    @inline(__always)
    private func lookup<Field: OTLPFieldSet>(_ key: JSONStringToken, _: Field.Type) -> Field? {
        if !key.hasEscapes { return Field.lookup(reader.rawBytes(key)) }
        // A key spelled with escapes ("\u0074raceId") is legal JSON, just rare: unescape it first.
        return reader.unescapedBytes(key).withUnsafeBytes { Field.lookup($0) }
    }
}

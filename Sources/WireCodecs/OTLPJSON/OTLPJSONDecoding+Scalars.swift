import JSONToolkit
import TraceModel

/// Scalar fields as the OTLP JSON mapping writes them. `null` always reads as the field's default.
extension OTLPJSONDecoding {
    mutating func string(_ field: StaticString) throws(JSONParseError) -> String {
        switch reader.peek() ?? 0 {
        case UInt8(ascii: "\""):
            let token = try reader.readStringToken()
            return token.hasEscapes ? reader.string(token) : recentStrings.string(reader.rawBytes(token))
        case UInt8(ascii: "n"):
            try reader.readLiteral("null")
            return ""
        default: throw typeMismatch(field, expected: "a string")
        }
    }

    mutating func bool(_ field: StaticString) throws(JSONParseError) -> Bool {
        switch reader.peek() ?? 0 {
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return try reader.readBool()
        case UInt8(ascii: "n"):
            try reader.readLiteral("null")
            return false
        default: throw typeMismatch(field, expected: "a boolean")
        }
    }

    // MARK: Integers: decimal strings or numbers, read digit by digit (values above 2^53 stay exact)

    mutating func uint64(_ field: StaticString) throws(JSONParseError) -> UInt64 {
        try integer(field, kind: "an unsigned 64-bit integer") { DecimalInteger.uint64($0) }
    }

    mutating func int64(_ field: StaticString) throws(JSONParseError) -> Int64 {
        try integer(field, kind: "a signed 64-bit integer") { DecimalInteger.int64($0) }
    }

    mutating func uint32(_ field: StaticString) throws(JSONParseError) -> UInt32 {
        try integer(field, kind: "an unsigned 32-bit integer") { text in
            DecimalInteger.uint64(text).flatMap { UInt32(exactly: $0) }
        }
    }

    mutating func int32(_ field: StaticString) throws(JSONParseError) -> Int32 {
        try integer(field, kind: "a 32-bit integer") { text in
            DecimalInteger.int64(text).flatMap { Int32(exactly: $0) }
        }
    }

    @inline(__always)
    private mutating func integer<Value: BinaryInteger>(
        _ field: StaticString, kind: String, _ parse: (UnsafeRawBufferPointer) -> Value?
    ) throws(JSONParseError) -> Value {
        let start = reader.position
        switch reader.peek() ?? 0 {
        case UInt8(ascii: "\""):
            let token = try reader.readStringToken()
            if !token.hasEscapes, let value = parse(reader.rawBytes(token)) { return value }
            if token.hasEscapes, let value = reader.unescapedBytes(token).withUnsafeBytes({ parse($0) }) { return value }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let token = try reader.readNumberToken()
            let text = UnsafeRawBufferPointer(rebasing: reader.bytes[token.start..<token.end])
            if token.isInteger, let value = parse(text) { return value }
            // Integral numbers written with a fraction or exponent (`1e3`, `5.0`), as some encoders do.
            if !token.isInteger, let double = Double(String(decoding: text, as: UTF8.self)), let value = Value(exactly: double) {
                return value
            }
        case UInt8(ascii: "n"):
            try reader.readLiteral("null")
            return 0
        default:
            throw typeMismatch(field, expected: "\(kind) (a decimal string or a number)")
        }
        throw invalidValue(field, "expected \(kind), found \(excerpt(from: start))", at: skipSpace(start))
    }

    // MARK: Doubles: numbers, or the strings "NaN", "Infinity", "-Infinity" (and numeric strings)

    mutating func double(_ field: StaticString) throws(JSONParseError) -> Double {
        switch reader.peek() ?? 0 {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = reader.position
            let token = try reader.readNumberToken()
            let value = Double(String(decoding: UnsafeRawBufferPointer(rebasing: reader.bytes[token.start..<token.end]), as: UTF8.self))
            guard let value, value.isFinite else {
                throw invalidValue(field, "number \(excerpt(from: start)) is out of range for a double", at: start)
            }
            return value
        case UInt8(ascii: "\""):
            let start = reader.position
            let text = reader.string(try reader.readStringToken())
            switch text {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default:
                // Only JSON number text: Double(String) alone would also take "0x1p3" or "  1".
                if JSONNumber(text: text) != nil, let value = Double(text), value.isFinite { return value }
                throw invalidValue(field, "expected a double, found \(excerpt(from: start))", at: start)
            }
        case UInt8(ascii: "n"):
            try reader.readLiteral("null")
            return 0
        default:
            throw typeMismatch(field, expected: "a number (or \"NaN\", \"Infinity\", \"-Infinity\")")
        }
    }

    // MARK: Enums: integers, or the proto enum names

    /// An enum value: its integer (unknown integers kept as given) or a name that `named` recognises.
    mutating func enumValue(_ field: StaticString, kind: String, named: (String) -> Int32?) throws(JSONParseError) -> Int32 {
        switch reader.peek() ?? 0 {
        case UInt8(ascii: "\""): break
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "n"): return try int32(field)
        default: throw typeMismatch(field, expected: "a \(kind) (an integer or its name)")
        }
        let start = reader.position
        let text = reader.string(try reader.readStringToken())
        if let value = named(text) { return value }
        if let value = Int32(text) { return value }
        throw invalidValue(field, "unknown \(kind) \(excerpt(from: start))", at: start)
    }

    // MARK: Bytes: base64

    mutating func base64(_ field: StaticString) throws(JSONParseError) -> [UInt8] {
        switch reader.peek() ?? 0 {
        case UInt8(ascii: "\""):
            let start = reader.position
            let token = try reader.readStringToken()
            let decoded = token.hasEscapes ? Base64.decode(reader.unescapedBytes(token)) : Base64.decode(reader.rawBytes(token))
            guard let decoded else { throw invalidValue(field, "expected base64, found \(excerpt(from: start))", at: start) }
            return decoded
        case UInt8(ascii: "n"):
            try reader.readLiteral("null")
            return []
        default:
            throw typeMismatch(field, expected: "a base64 string")
        }
    }

    // MARK: Ids: hex, either case

    /// What an id field held. Whether a bad id rejects the item or is dropped is the caller's decision.
    enum HexID<ID> {
        /// Missing, `null` or `""`.
        case absent
        /// Well-formed but all zeros: the "invalid id" of the specification.
        case zero
        case valid(ID)
        /// Not the right number of hex digits.
        case malformed
    }

    mutating func traceID(_ field: StaticString) throws(JSONParseError) -> HexID<TraceID> {
        try hexID(field, digits: 32) { TraceID(hexBytes: $0).map { $0.isValid ? .valid($0) : .zero } }
    }

    mutating func spanID(_ field: StaticString) throws(JSONParseError) -> HexID<SpanID> {
        try hexID(field, digits: 16) { SpanID(hexBytes: $0).map { $0.isValid ? .valid($0) : .zero } }
    }

    @inline(__always)
    private mutating func hexID<ID>(
        _ field: StaticString, digits: Int, _ parse: (UnsafeRawBufferPointer) -> HexID<ID>?
    ) throws(JSONParseError) -> HexID<ID> {
        switch reader.peek() ?? 0 {
        case UInt8(ascii: "\""): break
        case UInt8(ascii: "n"):
            try reader.readLiteral("null")
            return .absent
        default: throw typeMismatch(field, expected: "a hex string")
        }
        let token = try reader.readStringToken()
        if token.count == 0 { return .absent }
        let parsed =
            token.hasEscapes
            ? reader.unescapedBytes(token).withUnsafeBytes { $0.count == digits ? parse($0) : nil }
            : (token.count == digits ? parse(reader.rawBytes(token)) : nil)
        return parsed ?? .malformed
    }

    // MARK: Message helpers

    /// The value starting at `offset` as written, cut to 40 bytes: enough to recognise, bounded in size.
    func excerpt(from offset: Int) -> String {
        let start = skipSpace(offset)
        let end = min(reader.position, start + 40)
        guard start < end else { return "nothing" }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: reader.bytes[start..<end]), as: UTF8.self)
        return end < reader.position ? text + "…" : text
    }

    private func skipSpace(_ offset: Int) -> Int {
        var index = offset
        while index < reader.bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(reader.bytes[index]) { index += 1 }
        return index
    }
}

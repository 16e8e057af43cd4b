import JSONToolkit

/// Reads the `partialSuccess` of an OTLP export response, JSON or protobuf, so rejected items are counted.
enum ExportResponse {
    /// The rejected count and message (0 and nil for `{}`, empty protobuf, NDJSON answers or garbage).
    static func partialSuccess(_ body: [UInt8], contentType: String) -> (Int, String?) {
        contentType.hasPrefix("application/x-protobuf") ? protobuf(body) : json(body)
    }

    static func json(_ body: [UInt8]) -> (Int, String?) {
        guard case .object(let root)? = try? JSONValue.parse(body),
            case .object(let partial)? = root["partialSuccess"]
        else { return (0, nil) }
        var rejected = 0
        for key in ["rejectedSpans", "rejectedLogRecords"] {
            switch partial[key] {
            case .string(let text)?: rejected += Int(text) ?? 0
            case .number(let number)?: rejected += Int(number.int64Value ?? 0)
            default: break
            }
        }
        if case .string(let message)? = partial["errorMessage"] { return (rejected, message) }
        return (rejected, nil)
    }

    /// `Export*ServiceResponse { ExportPartialSuccess partial_success = 1 { int64 rejected = 1; string error_message = 2 } }`.
    static func protobuf(_ body: [UInt8]) -> (Int, String?) {
        var reader = Reader(bytes: body[...])
        while let (field, wire) = reader.tag() {
            guard field == 1, wire == 2, let inner = reader.lengthDelimited() else {
                guard reader.skip(wire) else { return (0, nil) }
                continue
            }
            var partial = Reader(bytes: inner)
            var rejected = 0
            var message: String?
            while let (innerField, innerWire) = partial.tag() {
                if innerField == 1, innerWire == 0, let value = partial.varint() {
                    rejected = Int(truncatingIfNeeded: value)
                } else if innerField == 2, innerWire == 2, let text = partial.lengthDelimited() {
                    message = String(decoding: text, as: UTF8.self)
                } else if !partial.skip(innerWire) {
                    break
                }
            }
            return (rejected, message)
        }
        return (0, nil)
    }

    /// Just enough of the protobuf wire format for a response: bounds-checked, never traps on bad input.
    private struct Reader {
        var bytes: ArraySlice<UInt8>

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let byte = bytes.popFirst() {
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }

        mutating func tag() -> (UInt64, UInt64)? {
            guard !bytes.isEmpty, let key = varint() else { return nil }
            return (key >> 3, key & 7)
        }

        mutating func lengthDelimited() -> ArraySlice<UInt8>? {
            guard let length = varint(), length <= UInt64(bytes.count) else { return nil }
            let value = bytes.prefix(Int(length))
            bytes = bytes.dropFirst(Int(length))
            return value
        }

        mutating func skip(_ wire: UInt64) -> Bool {
            switch wire {
            case 0: return varint() != nil
            case 1: guard bytes.count >= 8 else { return false }; bytes = bytes.dropFirst(8); return true
            case 2: return lengthDelimited() != nil
            case 5: guard bytes.count >= 4 else { return false }; bytes = bytes.dropFirst(4); return true
            default: return false
            }
        }
    }
}

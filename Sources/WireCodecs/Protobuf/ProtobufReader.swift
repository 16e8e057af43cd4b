import TraceModel

/// Reads the protobuf wire format from borrowed bytes without copying them.
///
/// A reader covers one message: `[position, end)` of the request buffer. Offsets are absolute (from the start
/// of the request) so every error can say where the problem is. Every read checks the bounds first, and a
/// length is compared with the bytes left before it is used, so no input can make the reader go past `end`.
struct ProtobufReader {
    /// Start of the whole request; nil only when the request is empty (then `end` is 0 and nothing is read).
    private let base: UnsafeRawPointer?
    private(set) var position: Int
    let end: Int
    /// Shares repeated strings and attributes; nil: every value is its own.
    private let caches: ProtobufCaches?

    init(_ bytes: UnsafeRawBufferPointer, caches: ProtobufCaches? = nil) {
        base = bytes.baseAddress
        position = 0
        end = bytes.baseAddress == nil ? 0 : bytes.count
        self.caches = caches
    }

    private init(base: UnsafeRawPointer?, position: Int, end: Int, caches: ProtobufCaches?) {
        self.base = base
        self.position = position
        self.end = end
        self.caches = caches
    }

    var isAtEnd: Bool { position >= end }

    @inline(__always)
    private func byte(at offset: Int) -> UInt8 {
        // Callers have checked offset < end, and end is within the buffer, so base is non-nil here.
        base.unsafelyUnwrapped.load(fromByteOffset: offset, as: UInt8.self)
    }

    private func truncated(_ what: String, at offset: Int) -> OTLPDecodingError {
        OTLPDecodingError(
            "protobuf: truncated message: \(what) at byte offset \(offset) runs past the end of its enclosing message (byte \(end))")
    }

    /// A base-128 varint of at most 10 bytes. Bits beyond 64 are dropped, as protobuf's own parsers do.
    @inline(__always)
    mutating func readVarint() throws(OTLPDecodingError) -> UInt64 {
        let start = position
        if start < end {
            let first = byte(at: start)
            if first < 0x80 {
                position = start &+ 1
                return UInt64(first)
            }
        }
        return try readVarintSlow(from: start)
    }

    private mutating func readVarintSlow(from start: Int) throws(OTLPDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var offset = start
        while true {
            guard offset < end else { throw truncated("varint", at: start) }
            let next = byte(at: offset)
            offset += 1
            result |= UInt64(next & 0x7F) << shift
            if next < 0x80 { break }
            shift += 7
            guard shift < 70 else {
                throw OTLPDecodingError("protobuf: malformed varint at byte offset \(start): longer than 10 bytes")
            }
        }
        position = offset
        return result
    }

    /// The next field's tag. Field number 0, numbers beyond 2^29 − 1 and wire types 6 and 7 are malformed.
    @inline(__always)
    mutating func readTag() throws(OTLPDecodingError) -> ProtobufTag {
        let offset = position
        let raw = try readVarint()
        let field = raw >> 3
        guard let wireType = ProtobufWireType(rawValue: UInt8(truncatingIfNeeded: raw & 7)) else {
            throw OTLPDecodingError("protobuf: invalid wire type \(raw & 7) in the tag at byte offset \(offset)")
        }
        guard field != 0, field < (1 << 29) else {
            throw OTLPDecodingError("protobuf: invalid field number \(field) in the tag at byte offset \(offset)")
        }
        return ProtobufTag(field: UInt32(truncatingIfNeeded: field), wireType: wireType, offset: offset)
    }

    @inline(__always)
    mutating func readFixed64() throws(OTLPDecodingError) -> UInt64 {
        guard end - position >= 8 else { throw truncated("fixed64 value", at: position) }
        let value = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return UInt64(littleEndian: value)
    }

    @inline(__always)
    mutating func readFixed32() throws(OTLPDecodingError) -> UInt32 {
        guard end - position >= 4 else { throw truncated("fixed32 value", at: position) }
        let value = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position += 4
        return UInt32(littleEndian: value)
    }

    /// The length prefix of a length-delimited field, checked against the bytes left in this message.
    @inline(__always)
    private mutating func readLength() throws(OTLPDecodingError) -> Int {
        let offset = position
        let length = try readVarint()
        guard length <= UInt64(end - position) else {
            throw OTLPDecodingError(
                "protobuf: truncated message: length \(length) at byte offset \(offset) exceeds the \(end - position) byte(s) left in its enclosing message"
            )
        }
        return Int(truncatingIfNeeded: length)
    }

    /// The bytes of a length-delimited field, borrowed from the request buffer.
    @inline(__always)
    mutating func readBytes() throws(OTLPDecodingError) -> UnsafeRawBufferPointer {
        let length = try readLength()
        guard length > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let bytes = UnsafeRawBufferPointer(start: base.unsafelyUnwrapped + position, count: length)
        position += length
        return bytes
    }

    /// A string field. Invalid UTF-8 is repaired with U+FFFD rather than failing the request: one bad byte in
    /// one attribute must not cost the sender its whole batch (the OpenTelemetry Collector keeps such strings too).
    @inline(__always)
    mutating func readString() throws(OTLPDecodingError) -> String {
        let length = try readLength()
        guard length > 0 else { return "" }
        let start = position
        position += length
        let base = self.base.unsafelyUnwrapped
        if let caches { return caches.string(at: start, length: length, in: base) }
        return ProtobufCaches.makeString(base + start, length)
    }

    /// A reader over an embedded message; this reader moves past it.
    @inline(__always)
    mutating func readMessage() throws(OTLPDecodingError) -> ProtobufReader {
        let length = try readLength()
        let nested = ProtobufReader(base: base, position: position, end: position + length, caches: caches)
        position += length
        return nested
    }

    /// An attribute: this reader's whole `KeyValue` message, shared with an equal one earlier in the request.
    /// Call it on a reader made by `readMessage()` for this one message: a shared attribute is not read again,
    /// so the reader's position afterwards means nothing.
    @inline(__always)
    mutating func decodeAttribute() throws(OTLPDecodingError) -> KeyValue {
        guard let caches, let base, position < end else { return try decodeKeyValue(depth: 0) }
        return try caches.attribute(at: position, length: end - position, in: base) { () throws(OTLPDecodingError) in
            try decodeKeyValue(depth: 0)
        }
    }

    /// Skips the value of a field this decoder does not know (newer OTLP versions add fields).
    mutating func skip(_ tag: ProtobufTag) throws(OTLPDecodingError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: position += try readLength()
        case .startGroup: try skipGroup(startedBy: tag)
        case .endGroup:
            throw OTLPDecodingError("protobuf: unexpected end-group tag for field \(tag.field) at byte offset \(tag.offset)")
        }
    }

    /// Groups may nest; the depth is bounded so a hostile request cannot exhaust the stack.
    private mutating func skipGroup(startedBy start: ProtobufTag, depth: Int = 1) throws(OTLPDecodingError) {
        guard depth <= ProtobufLimits.maxGroupDepth else {
            throw OTLPDecodingError("protobuf: groups nested deeper than \(ProtobufLimits.maxGroupDepth) at byte offset \(start.offset)")
        }
        while true {
            guard !isAtEnd else { throw truncated("group of field \(start.field) started", at: start.offset) }
            let tag = try readTag()
            switch tag.wireType {
            case .endGroup:
                guard tag.field == start.field else {
                    throw OTLPDecodingError(
                        "protobuf: end-group tag for field \(tag.field) at byte offset \(tag.offset) does not match the group of field \(start.field) started at byte offset \(start.offset)"
                    )
                }
                return
            case .startGroup: try skipGroup(startedBy: tag, depth: depth + 1)
            default: try skip(tag)
            }
        }
    }

    /// How many length-delimited fields numbered `field` follow one another from the tag at `offset`: a quick
    /// scan so a repeated field's array is allocated once at its final size instead of growing step by step
    /// (allocation is most of the decoding cost). Stops at anything else, malformed bytes included: the real
    /// read reports those.
    func countConsecutive(_ field: UInt32, from offset: Int) -> Int {
        guard let base else { return 0 }
        // Tags are compared as whole varints rather than decoded: this scan runs once per span and per
        // attribute list, ahead of the real read, and is a noticeable part of the decoding time.
        let expected = UInt64(field) << 3 | UInt64(ProtobufWireType.lengthDelimited.rawValue)
        var position = offset
        var count = 0
        while position < end {
            guard let tag = Self.scanVarint(base, at: position, end: end), tag.value == expected,
                let length = Self.scanVarint(base, at: tag.next, end: end), length.value <= UInt64(end - length.next)
            else { break }
            position = length.next + Int(truncatingIfNeeded: length.value)
            count += 1
        }
        return count
    }

    /// A varint and the offset after it, or nil when it runs past `end` or beyond ten bytes.
    @inline(__always)
    private static func scanVarint(_ base: UnsafeRawPointer, at offset: Int, end: Int) -> (value: UInt64, next: Int)? {
        guard offset < end else { return nil }
        let first = base.load(fromByteOffset: offset, as: UInt8.self)
        if first < 0x80 { return (UInt64(first), offset &+ 1) }
        var result = UInt64(first & 0x7F)
        var shift: UInt64 = 7
        var position = offset &+ 1
        while position < end, shift < 70 {
            let next = base.load(fromByteOffset: position, as: UInt8.self)
            position &+= 1
            result |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return (result, position) }
            shift &+= 7
        }
        return nil
    }

    /// Checks that a known field arrived with the wire type the specification gives it.
    @inline(__always)
    func expect(_ tag: ProtobufTag, _ wireType: ProtobufWireType, _ field: StaticString) throws(OTLPDecodingError) {
        guard tag.wireType == wireType else {
            throw OTLPDecodingError(
                "protobuf: \(field) (field \(tag.field)) at byte offset \(tag.offset) has wire type \(tag.wireType.rawValue) (\(tag.wireType.name)), expected \(wireType.rawValue) (\(wireType.name))"
            )
        }
    }
}

/// Bounds on what a request may make the decoder do.
enum ProtobufLimits {
    /// AnyValue nests through arrays and kvlists; real data goes a few levels deep. The bound keeps recursion
    /// (and the stack) small whatever a client sends. It is above what the JSON decoder's 256-level document
    /// limit lets through (at most ~80 AnyValue levels), so protobuf never refuses a value JSON would accept.
    static let maxAnyValueDepth = 100
    static let maxGroupDepth = 32
}

import TraceModel

/// What one request's decoding shares between equal bytes: attribute keys, span names, routes, hosts and SDK
/// names repeat on nearly every span of a batch, and so do whole attributes (`http.request.method` = `GET`,
/// `server.port` = 8080). Each repeat would otherwise cost allocations (a string's storage, `AnyValue`'s box)
/// and a UTF-8 check; sharing costs a hash and a comparison with bytes already in the cache.
///
/// Sharing is invisible to the model: strings and `AnyValue` are values, and equal bytes decode to equal values.
/// Pair every `allocate` with `deallocate()` (a `defer` in the decoder that owns the caches).
struct ProtobufCaches {
    private let strings: ProtobufBytesTable<String>
    private let attributes: ProtobufBytesTable<KeyValue>

    /// Strings of up to 15 UTF-8 bytes are stored inline by `String` (no allocation) and need no sharing.
    private static let sharedStringLengths = 16...512
    /// Long strings and attributes (stack traces, queries) rarely repeat and cost more to compare.
    private static let sharedAttributeLengths = ProtobufBytesTable<KeyValue>.minLength...512

    static func allocate(forRequestOf byteCount: Int) -> ProtobufCaches {
        // A batch of 512 spans holds a few hundred distinct attributes and fewer distinct long strings; the
        // tables shrink with the request so that a one-span request does not pay for setting up large ones.
        ProtobufCaches(
            strings: .allocate(
                slotCount: ProtobufBytesTable<String>.slotCount(forRequestOf: byteCount, bytesPerSlot: 256, within: 16...256),
                placeholder: ""
            ),
            attributes: .allocate(
                slotCount: ProtobufBytesTable<KeyValue>.slotCount(forRequestOf: byteCount, bytesPerSlot: 64, within: 16...1024),
                placeholder: KeyValue("", .empty)
            )
        )
    }

    func deallocate() {
        strings.deallocate()
        attributes.deallocate()
    }

    /// The string of `length` bytes at `offset` of the request starting at `base`. Invalid UTF-8 is repaired
    /// with U+FFFD (see `ProtobufReader.readString`).
    @inline(__always)
    func string(at offset: Int, length: Int, in base: UnsafeRawPointer) -> String {
        guard Self.sharedStringLengths.contains(length) else { return Self.makeString(base + offset, length) }
        return strings.value(at: offset, length: length, in: base) { Self.makeString(base + offset, length) }
    }

    /// The attribute whose `KeyValue` message is the `length` bytes at `offset`: shared when the same message
    /// was met earlier in the request, else what `decode` returns. Only attributes (depth 0) come here, so equal
    /// bytes always decode to the same value or fail alike.
    @inline(__always)
    func attribute(
        at offset: Int, length: Int, in base: UnsafeRawPointer, decode: () throws(OTLPDecodingError) -> KeyValue
    ) throws(OTLPDecodingError) -> KeyValue {
        guard Self.sharedAttributeLengths.contains(length) else { return try decode() }
        return try attributes.value(at: offset, length: length, in: base, make: decode)
    }

    @inline(__always)
    static func makeString(_ start: UnsafeRawPointer, _ length: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
    }
}

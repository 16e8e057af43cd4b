import TraceModel

/// One span as a chunk holds it: the columns queries use, and the rest as `RowCodec` encodes a span body.
struct ChunkSpan {
    var spanID: SpanID
    var parentSpanID: SpanID?
    var start: UInt64
    var end: UInt64
    var serviceID: Int64
    var operationID: Int64
    var resourceID: Int64
    var scopeID: Int64
    var statusCode: Int32
    var isError: Bool
    /// Empty when the chunk was decoded without bodies.
    var body: [UInt8]
}

/// The layout of a chunk's columns before compression: one column after another, so like values sit side by
/// side for zstd, and small numbers where the spans of a trace make them small:
/// - count; parents (0 none, 1 an id outside the chunk as 8 raw bytes, n + 2 the span at index n of the chunk);
/// - the first start, then each start as a zigzag delta from it, each duration (end − start, zigzag: end < start
///   happens in real data);
/// - service, operation, resource and scope ids, status codes, error flags (varints);
/// - last the bodies, each length-prefixed: readers that need only the columns stop before them.
///
/// Span ids are kept outside, raw and uncompressed (`encodeSpanIDs`): random bytes do not compress, and the
/// writer's re-send check reads them without decompressing anything.
enum TraceChunk {
    static func encodeSpanIDs(_ spans: [ChunkSpan]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(spans.count * 8)
        for span in spans { withUnsafeBytes(of: span.spanID.value.bigEndian) { bytes += $0 } }
        return bytes
    }

    static func spanIDs(_ bytes: UnsafeRawBufferPointer) -> [SpanID] {
        stride(from: 0, to: bytes.count - 7, by: 8).map { offset in
            SpanID(UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        }
    }

    static func encodeColumns(_ spans: [ChunkSpan]) -> [UInt8] {
        var writer = BinaryWriter(capacity: spans.count * 64 + spans.reduce(0) { $0 + $1.body.count + 2 })
        writer.writeVarint(UInt64(spans.count))
        var indexOfSpan: [SpanID: Int] = [:]
        for (index, span) in spans.enumerated() { indexOfSpan[span.spanID] = index }
        for span in spans {
            guard let parent = span.parentSpanID else {
                writer.writeVarint(0)
                continue
            }
            if let index = indexOfSpan[parent] {
                writer.writeVarint(UInt64(index) + 2)
            } else {
                writer.writeVarint(1)
                writer.writeFixed64(parent.value)
            }
        }
        let first = spans.first?.start ?? 0
        writer.writeVarint(first)
        for span in spans { writer.writeSigned(Int64(bitPattern: span.start &- first)) }
        for span in spans { writer.writeSigned(Int64(bitPattern: span.end &- span.start)) }
        for span in spans { writer.writeSigned(span.serviceID) }
        for span in spans { writer.writeSigned(span.operationID) }
        for span in spans { writer.writeSigned(span.resourceID) }
        for span in spans { writer.writeSigned(span.scopeID) }
        for span in spans { writer.writeSigned(Int64(span.statusCode)) }
        for span in spans { writer.append(span.isError ? 1 : 0) }
        for span in spans { writer.writeBytes(span.body) }
        return writer.bytes
    }

    /// The spans of a chunk, in the order they were written; `bodies: false` leaves each `body` empty.
    static func decode(spanIDs: [SpanID], columns: [UInt8], bodies: Bool) throws -> [ChunkSpan] {
        var reader = BinaryReader(columns)
        let count = try reader.readLength()
        guard count == spanIDs.count else {
            throw StoreError("a stored chunk holds \(count) spans but names \(spanIDs.count) span ids")
        }
        var spans = spanIDs.map {
            ChunkSpan(
                spanID: $0, parentSpanID: nil, start: 0, end: 0, serviceID: 0, operationID: 0, resourceID: 0, scopeID: 0,
                statusCode: 0, isError: false, body: [])
        }
        for index in spans.indices {
            switch try reader.readVarint() {
            case 0: break
            case 1: spans[index].parentSpanID = SpanID(try reader.readFixed64())
            case let position:
                guard position - 2 < UInt64(count) else { throw StoreError("a stored chunk names a parent outside it") }
                spans[index].parentSpanID = spanIDs[Int(position - 2)]
            }
        }
        let first = try reader.readVarint()
        for index in spans.indices { spans[index].start = first &+ UInt64(bitPattern: try reader.readSigned()) }
        for index in spans.indices { spans[index].end = spans[index].start &+ UInt64(bitPattern: try reader.readSigned()) }
        for index in spans.indices { spans[index].serviceID = try reader.readSigned() }
        for index in spans.indices { spans[index].operationID = try reader.readSigned() }
        for index in spans.indices { spans[index].resourceID = try reader.readSigned() }
        for index in spans.indices { spans[index].scopeID = try reader.readSigned() }
        for index in spans.indices { spans[index].statusCode = Int32(truncatingIfNeeded: try reader.readSigned()) }
        for index in spans.indices { spans[index].isError = try reader.readByte() != 0 }
        if bodies {
            for index in spans.indices { spans[index].body = try reader.readBytes() }
        }
        return spans
    }
}

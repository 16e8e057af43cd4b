import NIOCore
import PostgresNIO
import TraceModel
import TraceStore

/// A row of `PreparedReads.Spans`, read column by column from PostgreSQL's binary format: a span, or one of its
/// trace's correlation ids.
enum TraceReadRow {
    struct StoredSpan {
        var trace: ByteBuffer
        var span: ByteBuffer
        var parent: ByteBuffer?
        var operation: Int64
        var resource: Int64
        var scope: Int64
        var start: Int64
        var end: Int64
        var status: Int32
        var body: ByteBuffer
    }

    case span(StoredSpan)
    case correlation(trace: ByteBuffer, id: ByteBuffer)

    init(_ row: PostgresRow) throws {
        var cells = row.makeIterator()
        func next() -> ByteBuffer? { cells.next()?.bytes }
        func integer<I: FixedWidthInteger>(_ value: ByteBuffer?, as type: I.Type) throws -> I {
            guard let value, let integer = value.getInteger(at: value.readerIndex, as: I.self) else {
                throw StoreError("a trace read returned a NULL or short integer column")
            }
            return integer
        }
        guard let trace = next() else { throw StoreError("a trace read returned a row without its trace id") }
        guard let span = next() else {
            for _ in 0..<7 { _ = next() }
            guard let id = next() else { throw StoreError("a trace read returned a correlation row without its id") }
            self = .correlation(trace: trace, id: id)
            return
        }
        let parent = next()
        let operation = try integer(next(), as: Int64.self), resource = try integer(next(), as: Int64.self)
        let scope = try integer(next(), as: Int64.self), start = try integer(next(), as: Int64.self)
        let end = try integer(next(), as: Int64.self), status = try integer(next(), as: Int32.self)
        guard let body = next() else { throw StoreError("a trace read returned a span without its body") }
        self = .span(
            StoredSpan(
                trace: trace, span: span, parent: parent, operation: operation, resource: resource, scope: scope, start: start, end: end,
                status: status, body: body))
    }

    /// 16 bytes, big-endian, as stored; read straight from the buffer (`TraceID(bytes:)`, generic over any
    /// collection, took a tenth of a trace read's time in the collector).
    static func traceID(_ buffer: ByteBuffer) -> TraceID? {
        guard buffer.readableBytes == 16, let high = buffer.getInteger(at: buffer.readerIndex, as: UInt64.self),
            let low = buffer.getInteger(at: buffer.readerIndex + 8, as: UInt64.self)
        else { return nil }
        return TraceID(high: high, low: low)
    }

    /// The same from an id already copied out of its row.
    static func traceID(_ bytes: [UInt8]) -> TraceID? {
        guard bytes.count == 16 else { return nil }
        return bytes.withUnsafeBytes {
            TraceID(
                high: UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)),
                low: UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    /// 8 bytes, big-endian, as stored.
    static func spanID(_ buffer: ByteBuffer) -> SpanID? {
        guard buffer.readableBytes == 8, let value = buffer.getInteger(at: buffer.readerIndex, as: UInt64.self) else { return nil }
        return SpanID(value)
    }
}

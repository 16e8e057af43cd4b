import NIOCore
import PostgresNIO
import TraceModel

/// A value bound as one element of a `bytea[]`: how many bytes it takes and how they are written.
protocol ByteaElement: Sendable {
    var byteCount: Int { get }
    func write(into buffer: inout ByteBuffer)
}

/// A `bytea[]` parameter written straight from the commit's columns into the bind buffer, in PostgreSQL's binary
/// array format (as PostgresNIO writes `[ByteBuffer]`). Binding `[ByteBuffer]` made a buffer, an allocation and a
/// copy, for each trace id, span id, parent and body of every span.
struct ByteaArray<Element: ByteaElement>: PostgresNonThrowingEncodable, Sendable {
    static var psqlType: PostgresDataType { .byteaArray }
    static var psqlFormat: PostgresFormat { .binary }

    let elements: [Element]

    init(_ elements: [Element]) { self.elements = elements }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // Dimensions (0 for an empty array), a null bitmap flag, the element type; then the one dimension's length
        // and lower bound, and each element behind its length.
        buffer.writeInteger(elements.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(0, as: Int32.self)
        buffer.writeInteger(PostgresDataType.bytea.rawValue)
        guard !elements.isEmpty else { return }
        buffer.writeInteger(Int32(elements.count))
        buffer.writeInteger(1, as: Int32.self)
        for element in elements {
            buffer.writeInteger(Int32(element.byteCount))
            element.write(into: &buffer)
        }
    }
}

/// 16 bytes, big-endian, as `TraceID.bytes`.
extension TraceID: ByteaElement {
    var byteCount: Int { 16 }
    func write(into buffer: inout ByteBuffer) {
        buffer.writeInteger(high)
        buffer.writeInteger(low)
    }
}

/// 8 bytes, big-endian, as `SpanID.bytes`.
extension SpanID: ByteaElement {
    var byteCount: Int { 8 }
    func write(into buffer: inout ByteBuffer) { buffer.writeInteger(value) }
}

/// A parent span id; none is empty (`NULLIF` turns it into NULL).
extension Optional: ByteaElement where Wrapped == SpanID {
    var byteCount: Int { self == nil ? 0 : 8 }
    func write(into buffer: inout ByteBuffer) { self?.write(into: &buffer) }
}

extension Array: ByteaElement where Element == UInt8 {
    var byteCount: Int { count }
    func write(into buffer: inout ByteBuffer) { buffer.writeBytes(self) }
}

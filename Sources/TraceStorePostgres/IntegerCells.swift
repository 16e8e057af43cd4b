import NIOCore
import PostgresNIO
import TraceStore

/// A row of `bigint` columns read straight from PostgreSQL's binary format, cell by cell: the generic decoding of a
/// tuple looks up its metadata per row (7 % of a trace read's time in the collector when the eighth session profiled
/// it), and a latency fold reads tens of thousands of rows per round.
struct IntegerCells {
    private var values: [Int64]

    /// The first `count` cells, each a non-NULL `bigint`.
    init(_ row: PostgresRow, count: Int) throws {
        values = []
        values.reserveCapacity(count)
        for cell in row {
            guard values.count < count else { break }
            guard let bytes = cell.bytes, bytes.readableBytes == 8, let value = bytes.getInteger(at: bytes.readerIndex, as: Int64.self)
            else { throw StoreError("a latency read returned a NULL or short integer column") }
            values.append(value)
        }
        guard values.count == count else { throw StoreError("a latency read returned \(values.count) columns, not \(count)") }
    }

    subscript(index: Int) -> Int64 { values[index] }
}

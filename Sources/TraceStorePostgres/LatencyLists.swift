import TraceStore

/// Stored histograms (`LatencyCounts`' encoding) aggregated in PostgreSQL into one `bytea` per latency row, each
/// behind its length as 4 bytes big-endian, so a query reads a row per operation and series bucket, not one per
/// stored hour or minute.
enum HistogramList {
    /// The SQL aggregate over a `bytea` column of histograms.
    static func aggregate(_ column: String) -> String {
        "string_agg(int4send(octet_length(\(column))) || \(column), ''::bytea)"
    }

    /// The histograms of a list, in its order.
    static func histograms(_ list: [UInt8]) throws -> [[UInt8]] {
        var histograms: [[UInt8]] = []
        var offset = 0
        while offset < list.count {
            guard offset + 4 <= list.count else { throw StoreError("a latency read returned a histogram list cut short") }
            let length = list[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard length <= list.count - offset else { throw StoreError("a latency read returned a histogram list cut short") }
            histograms.append(Array(list[offset..<offset + length]))
            offset += length
        }
        return histograms
    }
}

/// Spans per HdrHistogram bucket as one `bytea`: (bucket, spans) pairs, each value 8 bytes big-endian (`int8send`).
/// A commit's pending latency row holds its buckets so (`SpanCommitStatement`), and a latency read concatenates the
/// pending rows' lists, so a bucket may come more than once.
enum PendingBucketList {
    static func aggregate(bucket: String, count: String) -> String {
        "string_agg(int8send(\(bucket)) || int8send(\(count)), ''::bytea)"
    }

    static func pairs(_ list: [UInt8]) throws -> [(value: UInt64, count: UInt64)] {
        guard list.count % 16 == 0 else { throw StoreError("a latency read returned a bucket list cut short") }
        func integer(at offset: Int) -> UInt64 { list[offset..<offset + 8].reduce(0) { $0 << 8 | UInt64($1) } }
        return stride(from: 0, to: list.count, by: 16).map { (value: integer(at: $0), count: integer(at: $0 + 8)) }
    }
}

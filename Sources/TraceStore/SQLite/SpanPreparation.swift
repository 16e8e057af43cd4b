import TraceModel
import Synchronization

/// What of a span the writer needs but can be worked out before it: the encoded body, whether it is an
/// error, and the tag-index pairs. Done in `prepare`, on the request's own thread, so the one writer thread
/// is left with SQL (see `SQLiteTraceStore.prepare`).
struct PreparedSpan: Sendable {
    var body: [UInt8]
    var isError: Bool
    var indexPairs: [Int64]
}

struct SpanPreparer {
    let indexedAttributeKeys: Set<String>
    let strings: SharedStringInterner

    func prepare(_ spans: [SpanRecord]) -> [PreparedSpan] {
        var pairs = AttributeIndexPairs(keys: indexedAttributeKeys)
        var prepared = spans.map { record in
            let isError = record.isError
            return PreparedSpan(body: [], isError: isError, indexPairs: pairs.pairs(of: record, isError: isError))
        }
        // Only the encoding needs the dictionary's lock: one acquisition for the whole request.
        var writer = BinaryWriter(capacity: 4096)
        strings.withLock { interner in
            for index in spans.indices {
                writer.removeAll()
                RowCodec.encodeSpanBody(spans[index].span, into: &writer, interner: &interner)
                prepared[index].body = writer.bytes
            }
        }
        return prepared
    }
}

extension SQLiteTraceStore {
    public func prepare(_ batch: WriteBatch) -> WriteBatch {
        guard batch.prepared == nil, !batch.spans.isEmpty else { return batch }
        var prepared = batch
        prepared.prepared = preparer.prepare(batch.spans)
        return prepared
    }

    var preparer: SpanPreparer { SpanPreparer(indexedAttributeKeys: indexedAttributeKeys, strings: strings) }
}

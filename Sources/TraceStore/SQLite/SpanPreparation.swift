import TraceModel

/// What of a batch the writer needs but can be worked out before it: each span's encoded body and whether it is
/// an error, and the spans grouped by trace with the trace's tag-index pairs. Done in `prepare`, on the request's
/// own thread, so the one writer thread is left with SQL (see `SQLiteTraceStore.prepare`); it reaches the writer as
/// the opaque `PreparedWrite.work`.
struct PreparedBatch: Sendable {
    var spans: [PreparedSpan]
    /// In order of first appearance.
    var traces: [PreparedTrace]
}

struct PreparedSpan: Sendable {
    var body: [UInt8]
    var isError: Bool
}

struct PreparedTrace: Sendable {
    var traceID: TraceID
    /// Indices into the batch's spans.
    var spanIndices: [Int]
    /// The tag-index pairs of these spans, sorted and each once: most repeat on every span of a trace (the
    /// resource's, the span kind's), and the writer adds each to the index once.
    var indexPairs: [Int64]
}

struct SpanPreparer {
    let indexedAttributeKeys: AttributeKeySet
    let strings: SharedStringInterner

    func prepare(_ spans: [SpanRecord]) -> PreparedBatch {
        var pairs = AttributeIndexPairs(keys: indexedAttributeKeys)
        var traceIndex: [TraceID: Int] = [:]
        var traces: [PreparedTrace] = []
        var prepared = spans.indices.map { index in
            let record = spans[index]
            let isError = record.isError
            let spanPairs = pairs.pairs(of: record, isError: isError)
            if let trace = traceIndex[record.span.traceID] {
                traces[trace].spanIndices.append(index)
                traces[trace].indexPairs += spanPairs
            } else {
                traceIndex[record.span.traceID] = traces.count
                traces.append(PreparedTrace(traceID: record.span.traceID, spanIndices: [index], indexPairs: spanPairs))
            }
            return PreparedSpan(body: [], isError: isError)
        }
        for index in traces.indices {
            traces[index].indexPairs.sort()
            traces[index].indexPairs = traces[index].indexPairs.uniqued()
        }
        // Only the encoding needs the dictionary's lock: one acquisition for the whole request.
        var writer = BinaryWriter(capacity: 4096)
        strings.withLock { interner in
            for index in spans.indices {
                writer.removeAll()
                RowCodec.encodeSpanBody(spans[index].span, into: &writer, interner: &interner)
                // A copy of exactly the body's length: handing over `writer.bytes` itself would leave each body
                // in a buffer of the writer's capacity (4 KB for ~150 bytes), held until the commit.
                prepared[index].body = writer.bytes.withUnsafeBufferPointer { Array($0) }
            }
        }
        return PreparedBatch(spans: prepared, traces: traces)
    }
}

private extension Array where Element: Equatable {
    /// A sorted array without its repeats.
    func uniqued() -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for element in self where result.last != element { result.append(element) }
        return result
    }
}

extension SQLiteTraceStore {
    package func prepare(_ batch: WriteBatch) -> PreparedWrite {
        guard !batch.spans.isEmpty else { return PreparedWrite(batch) }
        return PreparedWrite(batch, work: preparer.prepare(batch.spans))
    }

    var preparer: SpanPreparer { SpanPreparer(indexedAttributeKeys: indexedAttributeKeys, strings: strings) }
}

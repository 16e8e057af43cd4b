/// What one batch adds to one trace's summary. Summaries are merged, not recomputed: a batch reads one summary
/// row per trace it touches instead of every stored span of the trace. Merging is exact for spans the trace did
/// not hold yet; a re-sent span (or a second root) makes the writer recompute that trace from its spans instead.
struct TraceSummaryDelta {
    var start = UInt64.max
    var end: UInt64 = 0
    var spanCount = 0
    var errorCount = 0
    var services = Set<Int64>()
    var root: Root?

    struct Root {
        var start: UInt64
        var serviceID: Int64
        var operationID: Int64
    }

    mutating func add(start spanStart: UInt64, end rawEnd: UInt64, isError: Bool, serviceID: Int64, operationID: Int64, isRoot: Bool) {
        // end < start happens in real data: such a span counts as instantaneous.
        let spanEnd = max(rawEnd, spanStart)
        start = min(start, spanStart)
        end = max(end, spanEnd)
        spanCount += 1
        if isError { errorCount += 1 }
        services.insert(serviceID)
        if isRoot {
            if root == nil || spanStart < root!.start { root = Root(start: spanStart, serviceID: serviceID, operationID: operationID) }
        }
    }

    /// The stored summary row, as far as merging needs it.
    struct Stored {
        var start: UInt64
        var duration: UInt64
        var spanCount: Int
        var errorCount: Int
        var rootServiceID: Int64?
        var rootOperationID: Int64?
        var services: [Int64]
    }

    /// The merged summary, or nil when merging cannot be exact (two roots: which one started first is only in the spans).
    func merged(into stored: Stored?) -> Stored? {
        guard let stored else {
            return Stored(
                start: start, duration: end - start, spanCount: spanCount, errorCount: errorCount,
                rootServiceID: root?.serviceID, rootOperationID: root?.operationID, services: services.sorted())
        }
        if root != nil, stored.rootServiceID != nil { return nil }
        let mergedStart = min(start, stored.start)
        let mergedEnd = max(end, stored.start &+ stored.duration)
        return Stored(
            start: mergedStart, duration: mergedEnd - mergedStart, spanCount: stored.spanCount + spanCount,
            errorCount: stored.errorCount + errorCount, rootServiceID: root?.serviceID ?? stored.rootServiceID,
            rootOperationID: root?.operationID ?? stored.rootOperationID,
            services: Set(stored.services).union(services).sorted())
    }
}

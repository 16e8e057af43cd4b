/// The critical path: the chain of work that determined the trace's end time, as in Jaeger. Walking back
/// from a span's end, the last child to finish before the cursor owns that stretch; the gaps between such
/// children belong to the span itself. Children are clipped to their parent's range (clock skew).
package struct CriticalPath: Hashable, Sendable {
    package struct Segment: Hashable, Sendable {
        package var span: Int
        package var start: Int64
        package var end: Int64
    }

    /// Oldest first.
    package let segments: [Segment]
    package let spans: Set<Int>
    private let bySpan: [Int: [Segment]]

    package init(spans records: [TraceSpan], children: [[Int]], root: Int?) {
        guard let root else { segments = []; spans = []; bySpan = [:]; return }
        struct Frame {
            var span: Int
            var start: Int64
            var end: Int64
            var cursor: Int64
            var order: [Int]
            var next = 0
        }
        func frame(_ span: Int, start: Int64, end: Int64) -> Frame {
            // Latest-ending first; a cursor only moves left, so children passed over never qualify again.
            let order = children[span].sorted {
                (min(records[$0].endTime, end), records[$0].startTime) > (min(records[$1].endTime, end), records[$1].startTime)
            }
            return Frame(span: span, start: start, end: end, cursor: end, order: order)
        }
        var result: [Segment] = []
        var stack = [frame(root, start: records[root].startTime, end: records[root].endTime)]
        while !stack.isEmpty {
            var top = stack.removeLast()
            var chosen: (Int, Int64, Int64)?
            while top.next < top.order.count {
                let child = top.order[top.next]
                top.next += 1
                // Clipped to the parent (skew). A child still running at the cursor ran in parallel with
                // the one already chosen, which finished later: it did not hold the parent up.
                let childEnd = min(records[child].endTime, top.end)
                let childStart = max(records[child].startTime, top.start)
                if childEnd > top.cursor || childStart > childEnd { continue }
                chosen = (child, childStart, childEnd)
                break
            }
            if let (child, childStart, childEnd) = chosen {
                if top.cursor > childEnd { result.append(Segment(span: top.span, start: childEnd, end: top.cursor)) }
                top.cursor = childStart
                stack.append(top)
                stack.append(frame(child, start: childStart, end: childEnd))
            } else if top.cursor > top.start {
                result.append(Segment(span: top.span, start: top.start, end: top.cursor))
            }
        }
        result.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        segments = result
        spans = Set(result.map(\.span))
        bySpan = Dictionary(grouping: result, by: \.span)
    }

    package func segments(of span: Int) -> [Segment] { bySpan[span] ?? [] }
}

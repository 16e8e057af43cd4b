/// Each span's self time: its duration minus the time its children cover (their union, clipped to the span,
/// so parallel children are not counted twice and skewed ones not outside it). O(n), children being sorted
/// by start in the tree.
package enum SelfTime {
    package static func of(_ tree: TraceTree) -> [Int64] {
        tree.spans.indices.map { span in
            let record = tree.spans[span]
            var covered: Int64 = 0
            var reach = record.startTime
            for child in tree.children[span] {
                let start = max(tree.spans[child].startTime, reach)
                let end = min(tree.spans[child].endTime, record.endTime)
                if end > start { covered += end - start; reach = end }
            }
            return max(0, record.duration - covered)
        }
    }
}

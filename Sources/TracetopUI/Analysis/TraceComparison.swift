/// Two traces' span trees merged for comparison, as Jaeger's trace diff does: spans are matched by
/// (service, operation, how many siblings with the same service and operation came before it), level by
/// level from the roots. Each row has both durations; a span present on one side only has nil on the other.
package struct TraceComparison: Sendable {
    package struct Row: Hashable, Sendable {
        package var depth: Int
        package var service: String
        package var operation: String
        /// The span on each side (nil: absent there).
        package var left: Int?
        package var right: Int?
        package var leftDuration: Int64?
        package var rightDuration: Int64?

        /// Right minus left; a one-sided row counts the missing side as 0.
        package var difference: Int64 { (rightDuration ?? 0) - (leftDuration ?? 0) }
        package var isOneSided: Bool { left == nil || right == nil }
    }

    /// In tree order: each row followed by its merged subtree.
    package let rows: [Row]

    package init(left: TraceTree, right: TraceTree) {
        var rows: [Row] = []
        var stack: [(Int?, Int?, Int)] = Self.pair(left.roots, in: left, with: right.roots, in: right).reversed().map { ($0.0, $0.1, 0) }
        while let (l, r, depth) = stack.popLast() {
            let service = l.map { left.serviceNames[$0] } ?? r.map { right.serviceNames[$0] } ?? ""
            let operation = l.map { left.spans[$0].operationName } ?? r.map { right.spans[$0].operationName } ?? ""
            rows.append(
                Row(
                    depth: depth, service: service, operation: operation, left: l, right: r,
                    leftDuration: l.map { left.spans[$0].duration }, rightDuration: r.map { right.spans[$0].duration }))
            let children = Self.pair(l.map { left.children[$0] } ?? [], in: left, with: r.map { right.children[$0] } ?? [], in: right)
            for (childLeft, childRight) in children.reversed() { stack.append((childLeft, childRight, depth + 1)) }
        }
        self.rows = rows
    }

    /// Matches siblings by (service, operation, occurrence): the left side's order, then the right-only ones
    /// in the right side's order.
    static func pair(_ leftSpans: [Int], in left: TraceTree, with rightSpans: [Int], in right: TraceTree) -> [(Int?, Int?)] {
        let key = { (tree: TraceTree, span: Int) in OperationKey(tree, span) }
        var rightByKey: [OperationKey: [Int]] = [:]
        for span in rightSpans { rightByKey[key(right, span), default: []].append(span) }
        var seen: [OperationKey: Int] = [:]
        var matched = Set<Int>()
        var pairs: [(Int?, Int?)] = []
        for span in leftSpans {
            let spanKey = key(left, span)
            let occurrence = seen[spanKey, default: 0]
            seen[spanKey] = occurrence + 1
            let match = rightByKey[spanKey].flatMap { $0.indices.contains(occurrence) ? $0[occurrence] : nil }
            if let match { matched.insert(match) }
            pairs.append((span, match))
        }
        for span in rightSpans where !matched.contains(span) { pairs.append((nil, span)) }
        return pairs
    }

    /// Largest absolute difference first (`s`); ties keep tree order.
    package func sortedByDifference() -> [Row] {
        rows.enumerated().sorted { (abs($0.element.difference), -$0.offset) > (abs($1.element.difference), -$1.offset) }.map(\.element)
    }
}

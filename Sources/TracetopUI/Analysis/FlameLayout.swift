/// An icicle (a flame graph with the root on top) of a trace or of one span's subtree, in eighths of a
/// cell. Children are packed left to right in start order under their parent, each as wide as its
/// duration on the parent's scale; when parallel children add up to more than the parent they are scaled
/// down together to fit, so no box ever overlaps another. A box too narrow for one eighth is left out with
/// its subtree (the count says how many).
package struct FlameLayout: Sendable {
    package struct Box: Hashable, Sendable {
        package var span: Int
        package var depth: Int
        /// [left, right) in eighths of a cell from the left edge.
        package var left: Int
        package var right: Int
    }

    /// Boxes by depth (0 = the root row), each row ordered left to right.
    package let rows: [[Box]]
    package let hidden: Int
    /// Indexed by span (nil: not drawn): an array, as every span is looked up.
    private let boxBySpan: [Box?]

    package init(_ tree: TraceTree, root: Int?, columns: Int) {
        let width = max(0, columns) * 8
        var rows: [[Box]] = []
        var boxBySpan = [Box?](repeating: nil, count: tree.count)
        var hidden = 0
        // (children, their parent's duration, left, right, depth): one sibling group to pack.
        var groups: [([Int], Int64, Int, Int, Int)] = []
        if let root {
            groups.append(([root], tree.spans[root].duration, 0, width, 0))
        } else {
            groups.append((tree.roots, max(1, tree.endTime - tree.startTime), 0, width, 0))
        }
        while let (spans, parentDuration, left, right, depth) = groups.popLast() {
            let total = spans.reduce(Int64(0)) { $0 + tree.spans[$1].duration }
            let scale = Double(right - left) / Double(max(1, max(parentDuration, total)))
            var cursor = Double(left)
            for span in spans {
                let start = Int(cursor.rounded())
                cursor += Double(tree.spans[span].duration) * scale
                let end = min(right, Int(cursor.rounded()))
                guard end > start else {
                    hidden += 1 + WaterfallView.descendantCount(of: span, in: tree)
                    continue
                }
                let box = Box(span: span, depth: depth, left: start, right: end)
                while rows.count <= depth { rows.append([]) }
                rows[depth].append(box)
                boxBySpan[span] = box
                if !tree.children[span].isEmpty {
                    groups.append((tree.children[span], tree.spans[span].duration, start, end, depth + 1))
                }
            }
        }
        for depth in rows.indices { rows[depth].sort { $0.left < $1.left } }
        self.rows = rows
        self.hidden = hidden
        self.boxBySpan = boxBySpan
    }

    package func box(of span: Int) -> Box? { boxBySpan.indices.contains(span) ? boxBySpan[span] : nil }

    /// The neighbour on the same row (`h`/`l`), the parent (`k`) or the first child (`j`) of a box.
    package func neighbour(of span: Int, by delta: Int) -> Int? {
        guard let box = box(of: span), let index = rows[box.depth].firstIndex(of: box) else { return nil }
        let next = index + delta
        return rows[box.depth].indices.contains(next) ? rows[box.depth][next].span : nil
    }

    package func firstChild(of span: Int, in tree: TraceTree) -> Int? {
        tree.children[span].first { box(of: $0) != nil }
    }
}

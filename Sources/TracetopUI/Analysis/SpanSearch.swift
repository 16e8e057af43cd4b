import TracetopAPI

/// Search inside one trace (`/` in the trace view): the spans whose service, operation, attribute keys or
/// values, or event names contain the text, ignoring case. Matches are kept in waterfall order (tree order,
/// folds ignored) so `n` walks down the waterfall.
package struct SpanSearch: Hashable, Sendable {
    package let text: String
    /// Span indices in tree order.
    package let matches: [Int]
    /// Per span: does it match (the waterfall dims the others).
    package let isMatch: [Bool]
    /// Which match `n`/`N` last went to.
    package var current: Int
    /// Each span's position in tree order, to find the match after the cursor.
    private let order: [Int]

    package init(_ text: String, in tree: TraceTree) {
        self.text = text
        let needle = Needle(text)
        var isMatch = [Bool](repeating: false, count: tree.count)
        for span in tree.spans.indices { isMatch[span] = Self.matches(span, in: tree, needle: needle) }
        self.isMatch = isMatch
        let treeOrder = tree.rows(collapsed: []).map(\.span)
        var order = [Int](repeating: 0, count: tree.count)
        for (position, span) in treeOrder.enumerated() { order[span] = position }
        self.order = order
        matches = treeOrder.filter { isMatch[$0] }
        current = 0
    }

    static func matches(_ span: Int, in tree: TraceTree, needle: Needle) -> Bool {
        guard !needle.isEmpty else { return false }
        let record = tree.spans[span]
        if needle.found(in: tree.serviceNames[span]) || needle.found(in: record.operationName) { return true }
        if record.tags.contains(where: { needle.found(in: $0.key) || needle.found(in: $0.text) }) { return true }
        return record.logs.contains { event in event.fields[tag: "event"].map(needle.found) ?? false }
    }

    /// The index of the match to go to from a span (`n`: the first after it in the waterfall, `N`: the last
    /// before it), wrapping around; from no span, the first.
    package func step(from span: Int?, forward: Bool) -> Int? {
        guard !matches.isEmpty else { return nil }
        guard let span, order.indices.contains(span) else { return 0 }
        let position = order[span]
        if forward { return matches.firstIndex { order[$0] > position } ?? 0 }
        return matches.lastIndex { order[$0] < position } ?? matches.count - 1
    }

    /// The index of the first match at or after a span (where Enter on a new search lands).
    package func first(atOrAfter span: Int?) -> Int? {
        guard !matches.isEmpty else { return nil }
        guard let span, order.indices.contains(span) else { return 0 }
        return matches.firstIndex { order[$0] >= order[span] } ?? 0
    }

    /// "3/17": where the cursor is among the matches.
    package var position: String { "\(current + 1)/\(matches.count)" }
}

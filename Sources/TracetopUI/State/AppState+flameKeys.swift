extension AppState {
    /// Keys of the flame graph: `h`/`l` along a row, `k` to the parent, `j` to the first child, Enter zooms
    /// into the selected span's subtree, Esc zooms out one level (then back to the waterfall), `f` back to
    /// the waterfall with the same span selected.
    mutating func flameKey(_ key: Key, _ trace: inout TracePage) -> Outcome {
        guard let tree = trace.tree else { return key == .escape ? .back : .stay }
        let root = trace.flame.root
        let layout = FlameLayout(tree, root: root, columns: width)
        let selected = trace.flame.selected.flatMap { layout.box(of: $0) != nil ? $0 : nil } ?? layout.rows.first?.first?.span
        var next = selected
        switch key {
        case .character("h"), .left: next = selected.flatMap { layout.neighbour(of: $0, by: -1) } ?? selected
        case .character("l"), .right: next = selected.flatMap { layout.neighbour(of: $0, by: 1) } ?? selected
        case .character("k"), .up:
            if let span = selected, span != trace.flame.root, let parent = tree.parent[span], layout.box(of: parent) != nil {
                next = parent
            }
        case .character("j"), .down: next = selected.flatMap { layout.firstChild(of: $0, in: tree) } ?? selected
        case .enter:
            guard let span = selected, !tree.children[span].isEmpty else { return .stay }
            trace.flame.root = span
            trace.flame.top = 0
        case .escape:
            if let root = trace.flame.root {
                trace.flame.root = tree.parent[root]
                trace.flame.top = 0
                next = root
            } else {
                trace.mode = .waterfall
            }
        case .character("f"):
            trace.mode = .waterfall
            if let span = selected { trace.select(spanID: tree.spans[span].spanID, visible: waterfallRows) }
            return .stay
        default:
            return .stay
        }
        trace.flame.selected = next
        if let span = next {
            let current = trace.flame.root == root ? layout : FlameLayout(tree, root: trace.flame.root, columns: width)
            let depth = current.box(of: span)?.depth ?? 0
            trace.flame.reveal(depth: depth, visible: flameRows)
        }
        return .stay
    }

    var flameRows: Int { max(1, PageLayout.traceBody(width: width, height: height).height - 2) }
}

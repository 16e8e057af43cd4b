/// A trace's spans arranged as a tree, computed once when the trace arrives (O(n log n)) so that drawing,
/// collapsing and scrolling a 10,000-span trace only touch what is visible.
/// Spans whose parent never arrived (orphans) become roots; a parent cycle is broken, never followed forever.
package struct TraceTree: Sendable {
    package let traceID: String
    package let spans: [TraceSpan]
    package let serviceNames: [String]
    package let parent: [Int?]
    package let children: [[Int]]
    package let roots: [Int]
    /// The span named a parent that is not in the trace.
    package let isOrphan: [Bool]
    /// Whether each span is the last of its siblings (for `└─` against `├─`).
    package let isLastChild: [Bool]
    /// How many µs a span lies outside its parent's time range (0 = none): clock skew between hosts.
    package let skewMicros: [Int64]
    /// Per span, as decided when the span was read.
    package let isError: [Bool]
    package let errorCount: Int
    package let serviceCount: Int
    package let skewCount: Int
    package let startTime: Int64
    package let endTime: Int64
    package let criticalPath: CriticalPath
    package let indexBySpanID: [String: Int]
    package let processes: [String: TraceDetail.Process]

    package init(_ trace: TraceDetail) {
        traceID = trace.traceID
        processes = trace.processes
        // Span ids are unique within a trace: the store keeps one of each, and a file's repeats are dropped as it
        // is read (`OfflineFile`).
        let spans = trace.spans
        var index: [String: Int] = [:]
        index.reserveCapacity(spans.count)
        // By position, not `enumerated()`: that copies each span (a dozen references retained and released).
        for position in spans.indices { index[spans[position].spanID] = position }
        self.spans = spans
        serviceNames = spans.map { trace.processes[$0.processID]?.serviceName ?? "unknown_service" }
        indexBySpanID = index

        var parent = [Int?](repeating: nil, count: spans.count)
        var isOrphan = [Bool](repeating: false, count: spans.count)
        for position in spans.indices {
            guard let parentID = spans[position].parentSpanID else { continue }
            if let parentIndex = index[parentID], parentIndex != position {
                parent[position] = parentIndex
            } else {
                isOrphan[position] = true
            }
        }
        // Break cycles: walk up from each span; a span that reaches itself loses its parent and becomes a root.
        var state = [UInt8](repeating: 0, count: spans.count)  // 0 unknown, 1 on current path, 2 reaches a root
        for start in spans.indices where state[start] == 0 {
            var path: [Int] = []
            var current = start
            while state[current] == 0 {
                state[current] = 1
                path.append(current)
                guard let next = parent[current] else { break }
                if state[next] == 1 { parent[current] = nil; isOrphan[current] = true; break }
                current = next
            }
            for member in path { state[member] = 2 }
        }

        let byStart: (Int, Int) -> Bool = { lhs, rhs in
            (spans[lhs].startTime, spans[lhs].spanID) < (spans[rhs].startTime, spans[rhs].spanID)
        }
        var children = [[Int]](repeating: [], count: spans.count)
        var roots: [Int] = []
        for position in spans.indices {
            if let parentIndex = parent[position] { children[parentIndex].append(position) } else { roots.append(position) }
        }
        for position in spans.indices where children[position].count > 1 { children[position].sort(by: byStart) }
        // The true root first, then orphans by start time.
        roots.sort {
            (isOrphan[$0] ? 1 : 0, spans[$0].startTime, spans[$0].spanID) < (isOrphan[$1] ? 1 : 0, spans[$1].startTime, spans[$1].spanID)
        }
        self.parent = parent
        self.isOrphan = isOrphan
        self.children = children
        self.roots = roots

        var isLast = [Bool](repeating: false, count: spans.count)
        for list in children { if let last = list.last { isLast[last] = true } }
        if let last = roots.last { isLast[last] = true }
        isLastChild = isLast

        skewMicros = spans.indices.map { position in
            guard let parentIndex = parent[position] else { return 0 }
            // The API gives start and duration in whole microseconds, each truncated: a child that ends exactly
            // with its parent can appear 1 µs late. Only more than that is skew.
            let early = spans[parentIndex].startTime - spans[position].startTime
            let late = spans[position].endTime - spans[parentIndex].endTime
            return (early > 1 ? early : 0) + (late > 1 ? late : 0)
        }
        isError = spans.map { $0.isError }
        errorCount = isError.lazy.filter { $0 }.count
        serviceCount = Set(serviceNames).count
        skewCount = skewMicros.lazy.filter { $0 > 0 }.count
        startTime = spans.map { $0.startTime }.min() ?? 0
        endTime = max(startTime, spans.map { $0.endTime }.max() ?? 0)
        criticalPath = CriticalPath(spans: spans, children: children, root: roots.first)
    }

    package var count: Int { spans.count }

    /// Depth of every span (iterative: a 10,000-deep chain must not overflow the stack).
    package func depth(of position: Int) -> Int {
        var depth = 0
        var current = parent[position]
        while let next = current { depth += 1; current = parent[next] }
        return depth
    }

    /// The visible rows in tree order, skipping the descendants of collapsed spans.
    package func rows(collapsed: Set<Int>) -> [WaterfallRow] {
        var rows: [WaterfallRow] = []
        rows.reserveCapacity(spans.count)
        var stack: [(Int, Int)] = roots.reversed().map { ($0, 0) }
        while let (position, depth) = stack.popLast() {
            rows.append(WaterfallRow(span: position, depth: depth))
            guard !collapsed.contains(position) else { continue }
            for child in children[position].reversed() { stack.append((child, depth + 1)) }
        }
        return rows
    }

    /// The tree guides of a row (`│  ├─ `), at most `maxLevels` levels deep (deeper rows start with `…`).
    package func guides(for row: WaterfallRow, maxLevels: Int) -> String {
        guard row.depth > 0 else { return "" }
        var parts: [String] = [isLastChild[row.span] ? "└─" : "├─"]
        var current = parent[row.span]
        var level = 1
        while let ancestor = current, level < row.depth {
            if level >= maxLevels { parts.append("…"); break }
            parts.append(isLastChild[ancestor] ? "  " : "│ ")
            current = parent[ancestor]
            level += 1
        }
        return parts.reversed().joined()
    }

    /// The spans from a root down to this one (to expand a collapsed path when a log line selects a span).
    package func ancestors(of position: Int) -> [Int] {
        var result: [Int] = []
        var current = parent[position]
        while let next = current { result.append(next); current = parent[next] }
        return result
    }
}

package struct WaterfallRow: Hashable, Sendable {
    package var span: Int
    package var depth: Int
}

/// One line that says why a trace was slow or failed, computed from the trace alone: the span holding the
/// most of the critical path, the first error, retries, and well-known signals (429/503, timeouts, open
/// circuit breakers, compensations and rollbacks). Every fact names a span that is in the trace; nothing
/// is guessed. When nothing stands out it says so.
package struct WhyLine: Hashable, Sendable {
    package enum Kind: Hashable, Sendable { case slowest, error, retries, signal, calm }

    package struct Fact: Hashable, Sendable {
        package var kind: Kind
        /// The span the fact is about (Enter in the header could select it); nil for "nothing stands out".
        package var span: Int?
        package var text: String

        package init(kind: Kind, span: Int?, text: String) {
            self.kind = kind
            self.span = span
            self.text = text
        }
    }

    package var facts: [Fact]

    /// A span holding less of the critical path than this does not stand out.
    static let standsOutShare = 0.25

    package var text: String { facts.map(\.text).joined(separator: " · ") }

    package init(facts: [Fact]) { self.facts = facts }

    package init(_ tree: TraceTree) {
        var facts: [Fact] = []
        if let slowest = Self.slowest(tree) { facts.append(slowest) }
        if let error = Self.firstError(tree) { facts.append(error) }
        if let retries = Self.retries(tree) { facts.append(retries) }
        facts += Self.signals(tree)
        if facts.isEmpty {
            facts = [Fact(kind: .calm, span: nil, text: tree.errorCount == 0 ? "no error, time spread evenly" : "time spread evenly")]
        }
        self.facts = facts
    }

    static func label(_ tree: TraceTree, _ span: Int) -> String { tree.serviceNames[span] + " " + tree.spans[span].operationName }

    /// The operation whose spans' own time makes up most of the critical path, with that time and its share
    /// of the trace. Spans of one service and operation add up (three 1.2 s retries hold 3.6 s, more than
    /// any single span), and the fact points at the one holding most.
    static func slowest(_ tree: TraceTree) -> Fact? {
        let total = tree.endTime - tree.startTime
        guard total > 0 else { return nil }
        var onPath: [Int: Int64] = [:]
        for segment in tree.criticalPath.segments { onPath[segment.span, default: 0] += segment.end - segment.start }
        var groups: [OperationKey: (time: Int64, spans: Int, top: Int)] = [:]
        for (span, time) in onPath {
            let key = OperationKey(tree, span)
            var group = groups[key] ?? (0, 0, span)
            group.time += time
            group.spans += 1
            if (time, -span) > (onPath[group.top] ?? 0, -group.top) { group.top = span }
            groups[key] = group
        }
        guard let group = groups.values.max(by: { ($0.time, $1.top) < ($1.time, $0.top) }) else { return nil }
        let share = Double(group.time) / Double(total)
        guard share >= standsOutShare else { return nil }
        let percent = Int((share * 100).rounded())
        let times = group.spans > 1 ? "\(group.spans)× " : ""
        return Fact(
            kind: .slowest, span: group.top,
            text: "\(percent)% in \(times)\(label(tree, group.top)) (\(DurationText.format(micros: group.time)) self)")
    }

    /// The error that happened first: the failing span that ended first (its parents fail after it), the
    /// deeper one on a tie, with its exception, status message or error type.
    static func firstError(_ tree: TraceTree) -> Fact? {
        var best: (end: Int64, depth: Int, span: Int)?
        for span in tree.spans.indices where tree.isError[span] {
            let end = tree.spans[span].endTime
            if let current = best, end > current.end { continue }
            let depth = tree.depth(of: span)
            if let current = best, end == current.end, depth <= current.depth { continue }
            best = (end, depth, span)
        }
        guard let span = best?.span else { return nil }
        let more = tree.errorCount > 1 ? " (+\(tree.errorCount - 1) more)" : ""
        return Fact(kind: .error, span: span, text: "error in \(label(tree, span)): \(SpanFacts.errorMessage(tree.spans[span]))\(more)")
    }

    /// The same operation called again under one parent, where an earlier call failed or a call says it was
    /// resent. Plain loops (N+1 queries) that never failed are not retries and are left out.
    static func retries(_ tree: TraceTree) -> Fact? {
        var best: (count: Int, failed: Int, first: Int, parent: Int)?
        for parent in tree.spans.indices where tree.children[parent].count > 1 {
            // Most parents have no failed or resent call at all: they are passed without grouping their children.
            let children = tree.children[parent]
            guard
                children.dropLast().contains(where: { tree.isError[$0] })
                    || children.contains(where: { SpanFacts.isResend(tree.spans[$0]) })
            else { continue }
            var groups: [OperationKey: [Int]] = [:]
            for child in tree.children[parent] { groups[OperationKey(tree, child), default: []].append(child) }
            for calls in groups.values where calls.count > 1 {
                let failed = calls.filter { tree.isError[$0] }.count
                let earlierFailed = calls.dropLast().contains { tree.isError[$0] }
                guard earlierFailed || calls.contains(where: { SpanFacts.isResend(tree.spans[$0]) }) else { continue }
                if let current = best, (calls.count, failed) <= (current.count, current.failed) { continue }
                best = (calls.count, failed, calls[0], parent)
            }
        }
        guard let best else { return nil }
        let failed = best.failed > 0 ? ", \(best.failed) failed" : ""
        return Fact(
            kind: .retries, span: best.first,
            text: "\(best.count)× \(label(tree, best.first)) under \(tree.spans[best.parent].operationName) (retries\(failed))")
    }
}

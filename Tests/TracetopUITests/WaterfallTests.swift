import Testing
import TracetopUI

@Suite("Waterfall layout, critical path and bars")
struct WaterfallTests {
    typealias F = Fixtures

    @Test func childrenAreOrderedByStartAndOrphansBecomeRoots() {
        let tree = TraceTree(F.checkout())
        let rows = tree.rows(collapsed: [])
        let names = rows.map { tree.spans[$0.span].operationName }
        #expect(names == ["POST /checkout", "create order", "SELECT orders", "POST /charge", "reserve", "redis GET", "send receipt"])
        #expect(rows.map(\.depth) == [0, 1, 2, 2, 1, 2, 0])
        let orphan = tree.indexBySpanID["00000000000000e1"]!
        #expect(tree.isOrphan[orphan])
        #expect(tree.roots.last == orphan)
    }

    @Test func guidesDrawTheTree() {
        let tree = TraceTree(F.checkout())
        let guides = tree.rows(collapsed: []).map { tree.guides(for: $0, maxLevels: 10) }
        #expect(guides == ["", "├─", "│ ├─", "│ └─", "└─", "  └─", ""])
    }

    @Test func collapsingHidesDescendantsOnly() {
        let tree = TraceTree(F.checkout())
        let orders = tree.indexBySpanID["00000000000000a1"]!
        let names = tree.rows(collapsed: [orders]).map { tree.spans[$0.span].operationName }
        #expect(names == ["POST /checkout", "create order", "reserve", "redis GET", "send receipt"])
    }

    @Test func cyclesAreBroken() {
        let a = F.span("000000000000000a", parent: "000000000000000b", "a", start: 0, end: 10)
        let b = F.span("000000000000000b", parent: "000000000000000a", "b", start: 1, end: 5)
        let tree = TraceTree(TraceDetail(traceID: F.traceID, spans: [a, b], processes: F.processes))
        #expect(tree.count == 2)
        #expect(tree.rows(collapsed: []).count == 2)
        #expect(tree.roots.count == 1)
    }

    @Test func aTenThousandDeepChainDoesNotOverflowTheStack() {
        let spans = (0..<10_000).map { index in
            F.span(
                String(format16(index + 1)), parent: index == 0 ? nil : String(format16(index)), "op\(index)", start: Int64(index),
                end: 20_000 - Int64(index))
        }
        let tree = TraceTree(TraceDetail(traceID: F.traceID, spans: spans, processes: F.processes))
        let rows = tree.rows(collapsed: [])
        #expect(rows.count == 10_000)
        #expect(rows.last?.depth == 9_999)
        #expect(tree.guides(for: rows.last!, maxLevels: 5).hasPrefix("…"))
        #expect(tree.criticalPath.spans.count == 10_000)
    }

    @Test func criticalPathFollowsTheLastFinishingChildren() {
        let tree = TraceTree(F.checkout())
        let path = tree.criticalPath
        let id: (String) -> Int = { tree.indexBySpanID[$0]! }
        // Everything but the orphan is sequential here, so all of the tree is on the path.
        #expect(
            path.spans
                == Set(
                    ["00000000000000a0", "00000000000000a1", "00000000000000a2", "00000000000000b1", "00000000000000c1", "00000000000000c2"]
                        .map(id)))
        // The root's own time: before orders, between orders and inventory, after inventory.
        let root = path.segments(of: id("00000000000000a0")).map { ($0.end - $0.start) / 1000 }
        #expect(root.sorted() == [2, 5, 10])
        // Segments never overlap and cover the root exactly once.
        let total = path.segments.reduce(Int64(0)) { $0 + $1.end - $1.start }
        #expect(total == 120_000)
    }

    @Test func aParallelChildThatFinishedEarlierIsNotOnThePath() {
        let root = F.span("00000000000000a0", "root", start: 0, end: 100)
        let slow = F.span("00000000000000a1", parent: "00000000000000a0", "slow", start: 10, end: 90)
        let fast = F.span("00000000000000a2", parent: "00000000000000a0", "fast", start: 20, end: 40)
        let before = F.span("00000000000000a3", parent: "00000000000000a0", "before", start: 0, end: 8)
        let tree = TraceTree(TraceDetail(traceID: F.traceID, spans: [root, slow, fast, before], processes: F.processes))
        let onPath = Set(tree.criticalPath.spans.map { tree.spans[$0].operationName })
        #expect(onPath == ["root", "slow", "before"])
    }

    @Test func childrenOutsideTheirParentAreClippedAndMarkedAsSkew() {
        let root = F.span("00000000000000a0", "root", start: 10, end: 50)
        let early = F.span("00000000000000a1", parent: "00000000000000a0", "early", start: 0, end: 30)
        let tree = TraceTree(TraceDetail(traceID: F.traceID, spans: [root, early], processes: F.processes))
        let child = tree.indexBySpanID["00000000000000a1"]!
        #expect(tree.skewMicros[child] == 10_000)
        let segments = tree.criticalPath.segments(of: child)
        #expect(segments.map(\.start) == [F.epoch + 10_000])
    }

    /// Start and duration arrive truncated to whole microseconds, so a child ending with its parent can look 1 µs late.
    @Test func oneMicrosecondOfTruncationIsNotSkew() {
        var root = F.span("00000000000000a0", "root", start: 10, end: 50)
        root.duration -= 1
        let flush = F.span("00000000000000a1", parent: "00000000000000a0", "ends with parent", start: 20, end: 50)
        var late = F.span("00000000000000a2", parent: "00000000000000a0", "really late", start: 20, end: 50)
        late.duration += 5
        let tree = TraceTree(TraceDetail(traceID: F.traceID, spans: [root, flush, late], processes: F.processes))
        #expect(tree.skewMicros[tree.indexBySpanID["00000000000000a1"]!] == 0)
        #expect(tree.skewMicros[tree.indexBySpanID["00000000000000a2"]!] == 6)
        #expect(tree.skewCount == 1)
    }

    @Test(arguments: [
        // (from, to) in axis units of 1/80 of the range over 10 columns: eighths of a cell.
        (0, 80, "██████████", [false]),
        (0, 4, "▌", [false]),
        (4, 16, "▌█", [true, false]),
        (3, 5, "▎", [false]),
        (8, 8, " ▏", [false]),
        (76, 80, "         ▌", [true])
    ])
    func barsHaveEighthCellPrecision(from: Int64, to: Int64, expected: String, reversedFirst: [Bool]) {
        let axis = TimeAxis(start: 0, end: 80, columns: 10)
        let cells = axis.bar(from: from, to: to)
        var line = Array(repeating: Character(" "), count: 10)
        for cell in cells { line[cell.column] = cell.glyph }
        #expect(String(line).replacingTrailingSpaces() == expected)
        #expect(cells.first?.reversed == reversedFirst.first)
    }

    @Test func barsOutsideTheAxisAreNotDrawn() {
        let axis = TimeAxis(start: 100, end: 200, columns: 10)
        #expect(axis.bar(from: 0, to: 50).isEmpty)
        #expect(axis.bar(from: 300, to: 400).isEmpty)
        #expect(axis.bar(from: 150, to: 400).last?.column == 9)
    }

    private func format16(_ value: Int) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

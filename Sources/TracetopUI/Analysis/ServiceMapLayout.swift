import TracetopAPI

/// The dependency graph as a layered text diagram: services in layers by their longest chain of callers
/// (callers left of and above their callees), each with its callees on `├─▶` edges. Cycles are broken at the
/// edge that closes them (the layer stops growing), so every service gets a place.
package struct ServiceMapLayout: Hashable, Sendable {
    package struct Line: Hashable, Sendable {
        /// The service this line belongs to (its first line starts with the name).
        package var service: String
        package var isFirst: Bool
        package var layer: Int
        /// The edge drawn on this line, if any.
        package var link: DependencyEdge?
        package var isLastEdge: Bool
    }

    package let lines: [Line]
    /// Services in drawing order (what `j`/`k` step through).
    package let services: [String]

    package init(_ links: [DependencyEdge]) {
        let edges = links.filter { $0.parent != $0.child }
        let names = Set(edges.flatMap { [$0.parent, $0.child] })
        var callees: [String: [DependencyEdge]] = [:]
        for link in edges { callees[link.parent, default: []].append(link) }
        var layer: [String: Int] = [:]
        for name in names { layer[name] = 0 }
        // Longest path by relaxation, at most |services| rounds (a cycle stops growing after that).
        for _ in 0..<max(1, names.count) {
            var changed = false
            for link in edges where layer[link.child]! < layer[link.parent]! + 1 && layer[link.parent]! + 1 < names.count {
                layer[link.child] = layer[link.parent]! + 1
                changed = true
            }
            if !changed { break }
        }
        let ordered = names.sorted { (layer[$0]!, $0) < (layer[$1]!, $1) }
        var lines: [Line] = []
        for name in ordered {
            let outgoing = (callees[name] ?? []).sorted { ($1.callCount, $0.child) < ($0.callCount, $1.child) }
            if outgoing.isEmpty {
                lines.append(Line(service: name, isFirst: true, layer: layer[name]!, link: nil, isLastEdge: true))
            }
            for (index, link) in outgoing.enumerated() {
                lines.append(
                    Line(service: name, isFirst: index == 0, layer: layer[name]!, link: link, isLastEdge: index == outgoing.count - 1))
            }
        }
        self.lines = lines
        services = ordered
    }

    /// The first line of a service.
    package func line(of service: String) -> Int? { lines.firstIndex { $0.service == service && $0.isFirst } }
}

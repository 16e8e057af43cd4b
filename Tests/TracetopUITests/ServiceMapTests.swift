import Testing
import TracetopAPI
@testable import TracetopUI

@Suite("Service map")
struct ServiceMapTests {
    typealias F = Fixtures

    /// The demo shop's calls as the collector answered them (with a cycle added between users and auth).
    static let links = [
        DependencyEdge(parent: "gateway", child: "inventory", callCount: 149, errorCount: 0),
        DependencyEdge(parent: "gateway", child: "orders", callCount: 174, errorCount: 58),
        DependencyEdge(parent: "gateway", child: "shipping", callCount: 30, errorCount: 0),
        DependencyEdge(parent: "gateway", child: "users", callCount: 117, errorCount: 0),
        DependencyEdge(parent: "orders", child: "billing", callCount: 118, errorCount: 56),
        DependencyEdge(parent: "orders", child: "inventory", callCount: 179, errorCount: 0),
        DependencyEdge(parent: "orders", child: "shipping", callCount: 56, errorCount: 2),
        DependencyEdge(parent: "orders", child: "users", callCount: 57, errorCount: 0),
        DependencyEdge(parent: "users", child: "auth\u{1B}[2J", callCount: 3, errorCount: nil),
        DependencyEdge(parent: "auth\u{1B}[2J", child: "users", callCount: 1, errorCount: 0)
    ]

    @Test func callersComeBeforeTheirCalleesAndCyclesEnd() {
        let layout = ServiceMapLayout(Self.links)
        #expect(layout.services.prefix(2) == ["gateway", "orders"])
        let layerOf = Dictionary(uniqueKeysWithValues: layout.lines.filter(\.isFirst).map { ($0.service, $0.layer) })
        #expect(layerOf["gateway"] == 0 && layerOf["orders"] == 1 && layerOf["billing"] == 2 && layerOf["inventory"] == 2)
        // Every service has a place and its callees, busiest first.
        #expect(Set(layout.services) == ["gateway", "orders", "billing", "inventory", "shipping", "users", "auth\u{1B}[2J"])
        #expect(layout.lines.filter { $0.service == "orders" }.map { $0.link!.child } == ["inventory", "billing", "users", "shipping"])
    }

    static func openMap(width: Int, height: Int) -> AppState {
        var state = F.state(width: width, height: height)
        let effects = F.press([.tab, .tab, .tab], on: &state)
        #expect(effects.contains(.fetch(.dependencies(.hour))))
        _ = state.apply(.response(.dependencies(.hour), .success(.dependencies(Self.links))))
        return state
    }

    @Test(arguments: [(80, 24), (160, 50)])
    func serviceMapView(width: Int, height: Int) {
        let state = Self.openMap(width: width, height: height)
        let screen = Renderer.render(state)
        expectAligned(screen)
        expectNoControls(screen)
        #expect(screen.text.contains("[Map]"))
        #expect(screen.text.contains("orders"))
        assertSnapshot(screen, named: "map-\(width)x\(height)")
    }

    @Test func jkSelectAndEnterListsTheServicesSlowestTraces() {
        var state = Self.openMap(width: 100, height: 30)
        let effects = F.press([.character("j"), .enter], on: &state)
        guard case .fetch(.traceSummaries(let query))? = effects.first else {
            Issue.record("expected a summaries fetch, got \(effects)"); return
        }
        #expect(query.filter.service == "orders" && query.sort == .duration)
    }

    @Test func theMapRequestAsksForMilliseconds() {
        #expect(APIRequest.dependencies(.hour).pathSegments == ["api", "dependencies"])
        #expect(APIRequest.dependencies(.hour).queryItems.map { "\($0.0)=\($0.1)" } == ["lookback=3600000"])
    }

    @Test func aFilesDependenciesComeFromItsSpans() {
        let offline = OfflineTraces(name: "f", traces: [F.checkout()])
        guard case .success(.dependencies(let links)) = offline.answer(.dependencies(.hour)) else { Issue.record("no links"); return }
        let edges = Set(links.map { "\($0.parent)→\($0.child) \($0.callCount)/\($0.errorCount ?? -1)" })
        #expect(edges == ["gateway→orders 1/0", "orders→billing 1/1", "gateway→inventory 1/0"])
    }
}

import TracetopAPI

/// The Map view: who calls whom in the lookback, from `/api/dependencies`.
package struct ServiceMapPage: Sendable {
    package var layout = ServiceMapLayout([])
    /// Index into `layout.services`.
    package var selected = 0
    package var top = 0
    package var loaded = false

    package init() {}

    package var selectedService: String? { layout.services.indices.contains(selected) ? layout.services[selected] : nil }

    mutating func receive(_ links: [DependencyEdge], visible: Int) {
        let service = selectedService
        layout = ServiceMapLayout(links)
        loaded = true
        selected = service.flatMap { layout.services.firstIndex(of: $0) } ?? min(selected, max(0, layout.services.count - 1))
        reveal(visible: visible)
    }

    /// Scrolls so the selected service's lines are on screen.
    mutating func reveal(visible: Int) {
        guard let service = selectedService, let line = layout.line(of: service) else { top = 0; return }
        if line < top { top = line }
        if line >= top + max(1, visible) { top = line - max(1, visible) + 1 }
    }
}

extension AppState {
    /// The Map: `j`/`k` select a service, Enter lists its slowest traces.
    mutating func handleServiceMapKey(_ key: Key) -> [Effect] {
        guard case .serviceMap(var map) = page else { return [] }
        let count = map.layout.services.count
        switch key {
        case .down, .character("j"): map.selected = min(count - 1, map.selected + 1)
        case .up, .character("k"): map.selected = max(0, map.selected - 1)
        case .home, .character("g"): map.selected = 0
        case .end, .character("G"): map.selected = max(0, count - 1)
        case .enter:
            guard let service = map.selectedService else { return [] }
            var filter = TraceFilter()
            filter.service = service
            filter.text = "service=\(service)"
            return push(
                .traces(
                    TraceListPage(title: "Slowest \(service)", query: TraceListQuery(filter: filter, lookback: lookback, sort: .duration))))
        default:
            return []
        }
        map.selected = max(0, map.selected)
        map.reveal(visible: plainListRows)
        page = .serviceMap(map)
        return []
    }
}

/// Draws the whole state into a fresh in-memory screen: a pure function, so every view is snapshot-testable.
package enum Renderer {
    package static func render(_ state: AppState) -> Screen {
        var screen = Screen(width: state.width, height: state.height)
        if state.isTooSmall {
            drawTooSmall(state, into: &screen)
            return screen
        }
        Chrome.drawTitle(state, into: &screen)
        switch state.page {
        case .traces(let list): TraceListView.draw(list, state: state, into: &screen)
        case .trace(let trace): TraceView.draw(trace, state: state, into: &screen)
        case .logs(let logs): LogsView.draw(logs, state: state, into: &screen)
        case .services(let services): ServicesView.draw(services, state: state, into: &screen)
        case .correlation(let correlation): CorrelationView.draw(correlation, state: state, into: &screen)
        case .serviceMap(let map): ServiceMapView.draw(map, state: state, into: &screen)
        }
        Chrome.drawStatus(state, into: &screen)
        Chrome.drawHintOrPrompt(state, into: &screen)
        if state.showHelp { HelpOverlay.draw(state, into: &screen) }
        return screen
    }

    /// Says what size is needed instead of drawing a garbled screen.
    private static func drawTooSmall(_ state: AppState, into screen: inout Screen) {
        let lines = [
            "Terminal too small: \(state.width)×\(state.height)",
            "tracetop needs at least \(PageLayout.minimumWidth)×\(PageLayout.minimumHeight)",
            "(q quits)"
        ]
        let top = max(0, (state.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let width = DisplayText.width(of: line)
            screen.draw(line, x: max(0, (state.width - width) / 2), y: top + offset, style: offset == 0 ? .error : .plain)
        }
    }
}

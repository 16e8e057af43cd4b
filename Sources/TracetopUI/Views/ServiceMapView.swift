import TracetopAPI

/// The Map: callers left of and above their callees, each edge with its call count and error rate (red when
/// any call failed). The collector's `/api/dependencies` counts errors per edge; where it does not, the rate
/// is left out.
enum ServiceMapView {
    static func draw(_ map: ServiceMapPage, state: AppState, into screen: inout Screen) {
        let rect = PageLayout.list(width: screen.width, height: screen.height)
        screen.fill(x: 0, y: rect.y - 1, width: screen.width, style: .header)
        screen.draw(
            "Service map · \(state.source.title(state.lookback)) · caller ─▶ callee, calls, failed calls", x: 1, y: rect.y - 1,
            style: .header)
        guard !map.layout.lines.isEmpty else {
            Table.drawEmpty(
                map.loaded ? "No calls between services in \(state.source.scope(state.lookback))" : "Loading dependencies…", in: rect,
                into: &screen)
            return
        }
        let nameWidth = min(24, max(8, map.layout.services.map { DisplayText.width(of: $0, limit: 24) }.max() ?? 8))
        let indentStep = screen.width >= 100 ? 4 : 2
        for (offset, line) in map.layout.lines.dropFirst(map.top).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            let x = 1 + min(line.layer, 4) * indentStep
            let selected = line.service == map.selectedService
            let color = ServiceColors.color(for: line.service)
            if line.isFirst {
                screen.draw(line.service, x: x, y: y, maxWidth: nameWidth, style: Style(foreground: color, bold: true, reverse: selected))
            }
            let edgeX = x + nameWidth + 1
            guard let link = line.link else {
                if line.isFirst { screen.draw("(calls no other service)", x: edgeX, y: y, style: .dim) }
                continue
            }
            let glyph = line.isFirst ? (line.isLastEdge ? "───▶ " : "─┬─▶ ") : (line.isLastEdge ? " └─▶ " : " ├─▶ ")
            var cursor = edgeX + screen.draw(glyph, x: edgeX, y: y, style: .dim)
            let calleeWidth = min(24, max(8, screen.width - cursor - 24))
            screen.draw(link.child, x: cursor, y: y, maxWidth: calleeWidth, style: Style(foreground: ServiceColors.color(for: link.child)))
            cursor += calleeWidth + 1
            screen.drawRight(String(link.callCount), right: cursor + 7, y: y, maxWidth: 7)
            cursor += 8
            if let errors = link.errorCount {
                let rate = link.callCount > 0 ? Double(errors) / Double(link.callCount) : 0
                screen.drawRight(
                    errors > 0 ? ServicesView.percent(rate) : "·", right: cursor + 8, y: y, maxWidth: 8, style: errors > 0 ? .error : .dim)
            }
            if selected, !line.isFirst { screen.draw("│", x: x, y: y, maxWidth: 1, style: Style(foreground: color)) }
        }
    }
}

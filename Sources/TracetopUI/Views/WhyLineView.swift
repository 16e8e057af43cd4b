/// The why-line: its facts in one row, each coloured by what it is (errors red, the slowest span yellow).
enum WhyLineView {
    static func draw(_ why: WhyLine, in rect: Rect, into screen: inout Screen) {
        let x = rect.x + screen.draw("why ", x: rect.x, y: rect.y, maxWidth: rect.width, style: Style(foreground: .brightCyan, bold: true))
        draw(why, x: x, y: rect.y, maxWidth: rect.x + rect.width - x, into: &screen)
    }

    /// The facts from (x, y), separated by ` · `, cut with "…" where the room ends. Returns the columns used.
    @discardableResult
    static func draw(_ why: WhyLine, x: Int, y: Int, maxWidth: Int, into screen: inout Screen) -> Int {
        var used = 0
        for (index, fact) in why.facts.enumerated() where used < maxWidth {
            if index > 0 { used += screen.draw(" · ", x: x + used, y: y, maxWidth: maxWidth - used, style: .dim) }
            used += screen.draw(fact.text, x: x + used, y: y, maxWidth: maxWidth - used, style: style(fact.kind))
        }
        return used
    }

    static func style(_ kind: WhyLine.Kind) -> Style {
        switch kind {
        case .slowest: return Style(foreground: .brightYellow, bold: true)
        case .error: return .error
        case .retries, .signal: return .warning
        case .calm: return Style(foreground: .green)
        }
    }
}

/// The why-line: its facts in one row, each coloured by what it is (errors red, the slowest span yellow).
enum WhyLineView {
    /// Over the rect's rows: a fact that does not fit after the previous one starts the next row (indented under
    /// the first), so a narrow terminal still reads every fact whole; only the last row cuts with "…".
    static func draw(_ why: WhyLine, in rect: Rect, into screen: inout Screen) {
        let lead = screen.draw("why ", x: rect.x, y: rect.y, maxWidth: rect.width, style: Style(foreground: .brightCyan, bold: true))
        let left = rect.x + lead, right = rect.x + rect.width
        var x = left, y = rect.y
        for (index, fact) in why.facts.enumerated() {
            if index > 0 {
                let fits = x + DisplayText.width(of: " · " + fact.text, limit: right - x + 1) <= right
                if !fits, y + 1 < rect.y + rect.height {
                    y += 1
                    x = left
                } else {
                    x += screen.draw(" · ", x: x, y: y, maxWidth: right - x, style: .dim)
                }
            }
            guard x < right else { break }
            x += screen.draw(fact.text, x: x, y: y, maxWidth: right - x, style: style(fact.kind))
        }
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

extension Screen {
    /// Draws text from (x, y), at most `maxWidth` columns (default: to the right edge). Every grapheme is
    /// sanitised and measured here, so no view can put a control character on screen or misalign a column.
    /// Text that does not fit ends in "…". Returns the number of columns used.
    @discardableResult
    package mutating func draw(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0, y >= 0, y < height else { return 0 }
        var column = 0
        var pending: [(String, Int)] = []
        // Walk graphemes lazily: a megabyte attribute costs only what fits on screen.
        for character in text {
            let (grapheme, graphemeWidth) = DisplayText.sanitised(character)
            if graphemeWidth == 0 { continue }
            if column + graphemeWidth > limit {
                // Does not fit: back off until "…" fits, then stop.
                while let last = pending.last, column + 1 > limit {
                    pending.removeLast()
                    column -= last.1
                }
                pending.append(("…", 1))
                column += 1
                break
            }
            // Exactly full is fine: only a following grapheme (next turn) needs the ellipsis.
            pending.append((grapheme, graphemeWidth))
            column += graphemeWidth
        }
        var cursor = x
        for (grapheme, graphemeWidth) in pending {
            put(grapheme: grapheme, width: graphemeWidth, x: cursor, y: y, style: style)
            cursor += graphemeWidth
        }
        return column
    }

    /// Draws text right-aligned so that it ends at column `right` (exclusive).
    @discardableResult
    package mutating func drawRight(_ text: some StringProtocol, right: Int, y: Int, maxWidth: Int, style: Style = .plain) -> Int {
        let textWidth = min(DisplayText.width(of: text, limit: maxWidth + 1), maxWidth)
        return draw(text, x: right - textWidth, y: y, maxWidth: maxWidth, style: style)
    }
}

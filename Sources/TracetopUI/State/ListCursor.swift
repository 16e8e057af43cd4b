/// The selected row and the first visible row of a scrolling list. Refreshing the list keeps both, so the
/// user's place does not jump while data streams in.
package struct ListCursor: Hashable, Sendable {
    package var selected = 0
    package var top = 0

    package init(selected: Int = 0, top: Int = 0) {
        self.selected = selected
        self.top = top
    }

    /// Moves by `delta` rows (clamped) and scrolls just enough to keep the selection in a window of `visible` rows.
    package mutating func move(by delta: Int, count: Int, visible: Int) {
        select(selected + delta, count: count, visible: visible)
    }

    package mutating func select(_ row: Int, count: Int, visible: Int) {
        selected = max(0, min(row, count - 1))
        clamp(count: count, visible: visible)
    }

    /// Keeps the cursor valid after the list or the window changed size.
    package mutating func clamp(count: Int, visible: Int) {
        let visible = max(1, visible)
        selected = max(0, min(selected, count - 1))
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        top = max(0, min(top, max(0, count - visible)))
    }

    /// Common navigation keys; returns false for keys it does not handle.
    package mutating func handle(_ key: Key, count: Int, visible: Int) -> Bool {
        switch key {
        case .down, .character("j"), .scrollDown: move(by: 1, count: count, visible: visible)
        case .up, .character("k"), .scrollUp: move(by: -1, count: count, visible: visible)
        case .pageDown, .character("\u{06}"): move(by: max(1, visible - 1), count: count, visible: visible)
        case .pageUp, .character("\u{02}"): move(by: -max(1, visible - 1), count: count, visible: visible)
        case .home, .character("g"): select(0, count: count, visible: visible)
        case .end, .character("G"): select(count - 1, count: count, visible: visible)
        default: return false
        }
        return true
    }
}

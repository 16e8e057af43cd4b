/// The flame graph of a trace (`f`): which subtree it shows (Enter zooms in, Esc out), the selected span
/// and the first depth on screen.
package struct FlameState: Hashable, Sendable {
    /// nil: the whole trace.
    package var root: Int?
    package var selected: Int?
    package var top = 0

    package init() {}

    /// Scrolls just enough to keep the selected depth among `visible` rows.
    mutating func reveal(depth: Int, visible: Int) {
        if depth < top { top = depth }
        if depth >= top + max(1, visible) { top = depth - max(1, visible) + 1 }
        top = max(0, top)
    }
}

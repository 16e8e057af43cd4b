/// One terminal cell: a grapheme that is already sanitised and measured, and its style.
/// A wide grapheme occupies its cell and the next, which holds `continuation` so the grid stays aligned.
package struct Cell: Hashable, Sendable {
    /// One grapheme cluster; `""` for the right half of a wide grapheme.
    package var text: String
    package var style: Style

    package init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    package static let blank = Cell()
    package var isContinuation: Bool { text.isEmpty }
}

/// One terminal cell: a grapheme that is already sanitised and measured, and its style.
/// A wide grapheme occupies its cell and the next, which holds `continuation` so the grid stays aligned.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster; `""` for the right half of a wide grapheme.
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { text.isEmpty }
}

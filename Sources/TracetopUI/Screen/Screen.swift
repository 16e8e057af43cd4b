/// The in-memory screen every view draws into: a grid of cells. The terminal blits it; tests read it back.
package struct Screen: Hashable, Sendable {
    package let width: Int
    package let height: Int
    package private(set) var cells: [Cell]

    package init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    package subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    package func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Paints a rectangle with blanks of a style (backgrounds, selection bars).
    package mutating func fill(x: Int, y: Int, width: Int, height: Int = 1, style: Style = .plain) {
        for row in max(0, y)..<min(self.height, y + height) where x < self.width {
            for column in max(0, x)..<min(self.width, x + width) {
                cells[row * self.width + column] = Cell(" ", style: style)
            }
        }
    }

    /// Changes the style of cells already drawn (e.g. the selected row), keeping their text.
    package mutating func restyle(x: Int, y: Int, width: Int, _ transform: (Style) -> Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(self.width, x + width) {
            cells[y * self.width + column].style = transform(cells[y * self.width + column].style)
        }
    }

    /// Puts one grapheme of known width (1 or 2) at a cell; a wide one that does not fit becomes a blank.
    mutating func put(grapheme: String, width graphemeWidth: Int, x: Int, y: Int, style: Style) {
        guard contains(x: x, y: y) else { return }
        // Overwriting half of an earlier wide grapheme must not leave the other half dangling.
        if cells[y * width + x].isContinuation, x > 0 { cells[y * width + x - 1] = Cell(" ", style: cells[y * width + x - 1].style) }
        if graphemeWidth == 2 {
            guard x + 1 < width else { cells[y * width + x] = Cell(" ", style: style); return }
            if x + 2 < width, cells[y * width + x + 2].isContinuation { cells[y * width + x + 2] = Cell(" ", style: style) }
            cells[y * width + x] = Cell(grapheme, style: style)
            cells[y * width + x + 1] = Cell("", style: style)
        } else {
            if x + 1 < width, cells[y * width + x + 1].isContinuation { cells[y * width + x + 1] = Cell(" ", style: style) }
            cells[y * width + x] = Cell(grapheme, style: style)
        }
    }

    /// The text of each row, continuation cells skipped and trailing blanks trimmed: what snapshot tests compare.
    package var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width where !cells[row * width + column].isContinuation {
                line += cells[row * width + column].text
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    package var text: String { lines.joined(separator: "\n") }
}

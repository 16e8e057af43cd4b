/// Horizontal bars on a time axis with eighth-of-a-cell precision (`▏▎▍▌▋▊▉█`). A bar that starts inside a
/// cell is drawn with the left-block glyph of the empty part in reverse video, so both ends are precise.
package struct TimeAxis: Hashable, Sendable {
    package var start: Int64
    package var end: Int64
    package var columns: Int

    package init(start: Int64, end: Int64, columns: Int) {
        self.start = start
        self.end = max(end, start + 1)
        self.columns = max(0, columns)
    }

    /// A time's position in eighths of a cell, clamped to the axis.
    package func eighths(_ time: Int64) -> Int {
        let span = Double(end - start)
        let position = Double(time - start) / span * Double(columns * 8)
        return Int(max(0, min(Double(columns * 8), position.rounded())))
    }

    /// One cell of a bar: the column, glyph and whether it is drawn in reverse video.
    package struct BarCell: Hashable, Sendable {
        package var column: Int
        package var glyph: Character
        package var reversed: Bool
    }

    static let leftBlocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// The cells of a bar for [from, to]; at least one eighth wide so instant spans stay visible.
    package func bar(from: Int64, to: Int64) -> [BarCell] {
        guard columns > 0, to >= start, from <= end else { return [] }
        var left = eighths(from)
        var right = max(eighths(to), left + 1)
        if right > columns * 8 { right = columns * 8; left = min(left, right - 1) }
        var cells: [BarCell] = []
        for column in (left / 8)...((right - 1) / 8) {
            let cellStart = column * 8, cellEnd = cellStart + 8
            let coveredFrom = max(left, cellStart), coveredTo = min(right, cellEnd)
            let covered = coveredTo - coveredFrom
            if covered >= 8 {
                cells.append(BarCell(column: column, glyph: "█", reversed: false))
            } else if coveredFrom == cellStart {
                cells.append(BarCell(column: column, glyph: Self.leftBlocks[covered - 1], reversed: false))
            } else if coveredTo == cellEnd {
                // Right-aligned part: reverse the left block that covers the empty part.
                cells.append(BarCell(column: column, glyph: Self.leftBlocks[8 - covered - 1], reversed: true))
            } else {
                // Starts and ends inside one cell: the closest a cell can show is a thin block.
                cells.append(BarCell(column: column, glyph: Self.leftBlocks[max(0, covered - 1)], reversed: false))
            }
        }
        return cells
    }
}

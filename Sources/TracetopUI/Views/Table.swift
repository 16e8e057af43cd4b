/// A column of a table: a header, a width and an alignment. Shared by the list views so headers and
/// cells always line up.
struct Column {
    var title: String
    var width: Int
    var alignRight = false
}

enum Table {
    /// Resolves a flexible column (width 0) to the room the fixed ones leave, and returns x positions.
    static func layout(_ columns: [Column], totalWidth: Int) -> [(Column, Int)] {
        let fixed = columns.reduce(0) { $0 + $1.width } + columns.count - 1
        let flexible = max(8, totalWidth - fixed)
        var x = 0
        return columns.map { column in
            var resolved = column
            if resolved.width == 0 { resolved.width = flexible }
            defer { x += resolved.width + 1 }
            return (resolved, x)
        }
    }

    static func drawHeader(_ columns: [(Column, Int)], y: Int, into screen: inout Screen) {
        screen.fill(x: 0, y: y, width: screen.width, style: .header)
        for (column, x) in columns { drawCell(column.title, column: column, x: x, y: y, style: .header, into: &screen) }
    }

    static func drawCell(_ text: String, column: Column, x: Int, y: Int, style: Style, into screen: inout Screen) {
        if column.alignRight {
            screen.drawRight(text, right: x + column.width, y: y, maxWidth: column.width, style: style)
        } else {
            screen.draw(text, x: x, y: y, maxWidth: column.width, style: style)
        }
    }

    /// Marks a row as selected after it was drawn (reverse video keeps the cells' colours readable).
    static func highlight(y: Int, width: Int, into screen: inout Screen) {
        screen.restyle(x: 0, y: y, width: width) { $0.merged(reverse: true) }
    }

    static func drawEmpty(_ text: String, in rect: Rect, into screen: inout Screen) {
        screen.draw(text, x: rect.x + 2, y: rect.y + min(1, rect.height - 1), maxWidth: rect.width - 4, style: .dim)
    }
}

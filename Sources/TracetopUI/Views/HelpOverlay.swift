/// The `?` overlay: every key of the current view, then the keys that work everywhere.
enum HelpOverlay {
    static func draw(_ state: AppState, into screen: inout Screen) {
        let (title, entries) = KeyHelp.entries(for: state.page, source: state.source)
        let all = entries + [("", "")] + KeyHelp.globalEntries(for: state.source)
        let width = min(screen.width - 4, 90)
        let height = min(screen.height - 2, all.count + 4)
        let x = (screen.width - width) / 2, y = max(1, (screen.height - height) / 2)
        let box = Style(foreground: .white, background: .darkBlue)
        screen.fill(x: x, y: y, width: width, height: height, style: box)
        screen.draw(
            " Keys: \(title) (any key closes) ", x: x + 2, y: y, maxWidth: width - 4,
            style: Style(foreground: .brightYellow, background: .darkBlue, bold: true))
        for (offset, entry) in all.prefix(height - 3).enumerated() {
            let row = y + 2 + offset
            screen.draw(entry.0, x: x + 2, y: row, maxWidth: 16, style: Style(foreground: .brightCyan, background: .darkBlue, bold: true))
            screen.draw(entry.1, x: x + 19, y: row, maxWidth: width - 21, style: box)
        }
    }
}

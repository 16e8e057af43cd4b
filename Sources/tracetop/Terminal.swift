import CNcursesw
import Foundation
import TracetopUI

/// The only code that touches ncurses: sets the terminal up and back, reads keys, and blits the in-memory
/// screen (only the cells that changed since the last frame). Use from one thread.
final class Terminal {
    private let useColor: Bool
    private let colorCount: Int
    private var pairs: [PairKey: Int16] = [:]
    private var previous: Screen?

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    init(mouse: Bool, color: Bool) {
        setlocale(LC_ALL, "")
        // Short ESC delay: Esc is "back" here, and a 1 s wait for a possible escape sequence feels broken.
        setenv("ESCDELAY", "25", 0)
        initscr()
        raw()  // Ctrl-C arrives as a key, so quitting always restores the terminal.
        noecho()
        nonl()
        keypad(tt_stdscr(), true)
        curs_set(0)
        if mouse { _ = tt_mouse_on() }
        if color && has_colors() {
            start_color()
            use_default_colors()
            useColor = true
            colorCount = Int(tt_colors())
        } else {
            useColor = false
            colorCount = 0
        }
    }

    /// Puts the terminal back as it was. Safe to call twice.
    func close() {
        endwin()
    }

    var size: (width: Int, height: Int) { (Int(tt_cols()), Int(tt_lines())) }

    /// Waits up to `timeoutMilliseconds` for a key. Returns nil on timeout; a resize comes back as an event.
    func readEvent(timeoutMilliseconds: Int32) -> Event? {
        timeout(timeoutMilliseconds)
        var value: wint_t = 0
        let status = tt_get_key(&value)
        if status == tt_err() { return nil }
        if status == tt_key_code_yes() {
            let code = Int32(value)
            if code == tt_key_resize() {
                previous = nil  // the terminal's contents are unknown after a resize: redraw everything
                let (width, height) = size
                return .resize(width: width, height: height)
            }
            if code == tt_key_mouse() { return mouseEvent() }
            return functionKey(code).map { .key($0) }
        }
        return characterKey(UInt32(value)).map { .key($0) }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE, KEY_DC: return .backspace
        default: return nil
        }
    }

    private func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 3: return .ctrlC
        case 9: return .tab
        case 10, 13: return .enter
        case 21: return .ctrlU
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(value), value >= 0x20 || value == 2 || value == 6 else { return nil }
            return .character(Character(scalar))
        }
    }

    private func mouseEvent() -> Event? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = Int(event.bstate)
        if state & Int(tt_mouse_button4()) != 0 { return .key(.scrollUp) }
        if state & Int(tt_mouse_button5()) != 0 { return .key(.scrollDown) }
        if state & Int(tt_mouse_button1()) != 0 { return .key(.click(x: Int(event.x), y: Int(event.y))) }
        return nil
    }

    /// Draws the screen, writing only cells that differ from the last frame.
    func draw(_ screen: Screen) {
        let full = previous.map { $0.width != screen.width || $0.height != screen.height } ?? true
        if full { erase() }
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let cell = screen[x, y]
                if cell.isContinuation { continue }
                if !full, let previous, previous[x, y] == cell, !(x + 1 < screen.width && previous[x + 1, y] != screen[x + 1, y]) {
                    continue
                }
                put(cell, x: x, y: y)
            }
        }
        previous = screen
        refresh()
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        // One spacing character plus at most four combining ones fit a curses cell.
        var text = cell.text.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
        text.append(0)
        var attributes: attr_t = 0
        if cell.style.bold { attributes |= tt_a_bold() }
        if cell.style.dim { attributes |= tt_a_dim() }
        if cell.style.reverse { attributes |= tt_a_reverse() }
        if cell.style.underline { attributes |= tt_a_underline() }
        let pair = colorPair(cell.style)
        _ = text.withUnsafeBufferPointer { tt_put_cell(Int32(y), Int32(x), $0.baseAddress, attributes, pair) }
    }

    /// Allocates colour pairs on first use; when the terminal runs out, cells fall back to default colours.
    private func colorPair(_ style: Style) -> Int16 {
        guard useColor, style.foreground != nil || style.background != nil else { return 0 }
        let key = PairKey(foreground: colorIndex(style.foreground), background: colorIndex(style.background))
        if let pair = pairs[key] { return pair }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < tt_color_pairs() else { return 0 }
        init_pair(next, key.foreground, key.background)
        pairs[key] = next
        return next
    }

    private func colorIndex(_ color: Color?) -> Int16 {
        guard let color else { return -1 }
        if colorCount >= 256 { return Int16(color.xterm256) }
        if colorCount >= 16 { return Int16(color.ansi16) }
        return Int16(color.ansi16 % 8)
    }

    /// OSC 52: asks the terminal (and tmux, with set-clipboard on) to put text on the clipboard.
    func copyToClipboard(_ text: String) {
        let payload = Data(text.utf8).base64EncodedString()
        FileHandle.standardOutput.write(Data("\u{1B}]52;c;\(payload)\u{07}".utf8))
    }
}

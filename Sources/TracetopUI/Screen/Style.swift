/// A colour as the views ask for it: the 16-colour index every terminal has, and a nicer 256-colour choice.
/// The terminal picks one by what it supports; `nil` colours mean the terminal's default.
package struct Color: Hashable, Sendable {
    package var ansi16: UInt8
    package var xterm256: UInt8

    package init(ansi16: UInt8, xterm256: UInt8) {
        self.ansi16 = ansi16
        self.xterm256 = xterm256
    }

    package static let red = Color(ansi16: 1, xterm256: 196)
    package static let green = Color(ansi16: 2, xterm256: 34)
    package static let yellow = Color(ansi16: 3, xterm256: 178)
    package static let blue = Color(ansi16: 4, xterm256: 33)
    package static let magenta = Color(ansi16: 5, xterm256: 170)
    package static let cyan = Color(ansi16: 6, xterm256: 37)
    package static let white = Color(ansi16: 7, xterm256: 252)
    package static let gray = Color(ansi16: 8, xterm256: 244)
    package static let brightRed = Color(ansi16: 9, xterm256: 203)
    package static let brightYellow = Color(ansi16: 11, xterm256: 226)
    package static let brightCyan = Color(ansi16: 14, xterm256: 51)
    package static let darkBlue = Color(ansi16: 4, xterm256: 24)
}

/// How one cell is drawn. Views never emit escape sequences: they set a style and the terminal translates it.
package struct Style: Hashable, Sendable {
    package var foreground: Color?
    package var background: Color?
    package var bold = false
    package var dim = false
    package var reverse = false
    package var underline = false

    package init(
        foreground: Color? = nil, background: Color? = nil, bold: Bool = false, dim: Bool = false,
        reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    package static let plain = Style()
    package static let bold = Style(bold: true)
    package static let dim = Style(dim: true)
    package static let selected = Style(reverse: true)
    package static let header = Style(bold: true, underline: true)
    package static let error = Style(foreground: .red, bold: true)
    package static let warning = Style(foreground: .yellow)
    package static let titleBar = Style(foreground: .white, background: .darkBlue, bold: true)

    package func merged(reverse: Bool) -> Style {
        var copy = self
        copy.reverse = reverse ? !copy.reverse : copy.reverse
        return copy
    }
}

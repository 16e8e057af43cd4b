/// A colour as the views ask for it: the 16-colour index every terminal has, and a nicer 256-colour choice.
/// The terminal picks one by what it supports; `nil` colours mean the terminal's default.
public struct Color: Hashable, Sendable {
    public var ansi16: UInt8
    public var xterm256: UInt8

    public init(ansi16: UInt8, xterm256: UInt8) {
        self.ansi16 = ansi16
        self.xterm256 = xterm256
    }

    public static let red = Color(ansi16: 1, xterm256: 196)
    public static let green = Color(ansi16: 2, xterm256: 34)
    public static let yellow = Color(ansi16: 3, xterm256: 178)
    public static let blue = Color(ansi16: 4, xterm256: 33)
    public static let magenta = Color(ansi16: 5, xterm256: 170)
    public static let cyan = Color(ansi16: 6, xterm256: 37)
    public static let white = Color(ansi16: 7, xterm256: 252)
    public static let gray = Color(ansi16: 8, xterm256: 244)
    public static let brightRed = Color(ansi16: 9, xterm256: 203)
    public static let brightYellow = Color(ansi16: 11, xterm256: 226)
    public static let brightCyan = Color(ansi16: 14, xterm256: 51)
    public static let darkBlue = Color(ansi16: 4, xterm256: 24)
}

/// How one cell is drawn. Views never emit escape sequences: they set a style and the terminal translates it.
public struct Style: Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(
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

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let selected = Style(reverse: true)
    public static let header = Style(bold: true, underline: true)
    public static let error = Style(foreground: .red, bold: true)
    public static let warning = Style(foreground: .yellow)
    public static let titleBar = Style(foreground: .white, background: .darkBlue, bold: true)

    public func merged(reverse: Bool) -> Style {
        var copy = self
        copy.reverse = reverse ? !copy.reverse : copy.reverse
        return copy
    }
}

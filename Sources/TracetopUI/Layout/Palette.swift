import TraceModel
import TracetopAPI

/// Stable per-service colours: the same service gets the same colour in every run and on every machine
/// (FNV-1a of the name, not Swift's per-process seeded hash).
package enum ServiceColors {
    static let palette: [Color] = [
        Color(ansi16: 6, xterm256: 37), Color(ansi16: 5, xterm256: 170), Color(ansi16: 2, xterm256: 71),
        Color(ansi16: 4, xterm256: 69), Color(ansi16: 3, xterm256: 179), Color(ansi16: 14, xterm256: 80),
        Color(ansi16: 13, xterm256: 213), Color(ansi16: 10, xterm256: 114), Color(ansi16: 12, xterm256: 111),
        Color(ansi16: 11, xterm256: 222), Color(ansi16: 6, xterm256: 109), Color(ansi16: 5, xterm256: 140)
    ]

    package static func color(for service: String) -> Color {
        var hash: UInt32 = 2_166_136_261
        for byte in service.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return palette[Int(hash % UInt32(palette.count))]
    }
}

/// How log lines show their severity: the label and the colour (ranges from the logs data model, TraceModel's `Severity`).
enum SeverityStyle {
    static func label(_ line: LogLine) -> String {
        let name = Severity.name(of: line.severityNumber)
        return name == "UNSET" && !line.severityText.isEmpty ? String(line.severityText.uppercased().prefix(5)) : name
    }

    static func style(_ number: Int32) -> Style {
        switch number {
        case 1...8: return .dim
        case 9...12: return Style(foreground: .green)
        case 13...16: return Style(foreground: .yellow, bold: true)
        case 17...20: return Style(foreground: .red, bold: true)
        case 21...24: return Style(foreground: .brightRed, bold: true, reverse: true)
        default: return .plain
        }
    }
}

/// Makes collector strings safe to show: no control character or escape sequence may reach the terminal,
/// and no bidi override may reorder what the user reads.
package enum DisplayText {
    /// One grapheme as it will be drawn, and its width. Controls become visible pictures (ESC → ␛), so a
    /// hostile `\u{1B}[2J` shows as harmless text; bidi controls vanish (width 0 is skipped by the screen).
    static func sanitised(_ character: Character) -> (String, Int) {
        if character.isASCII, let byte = character.asciiValue, byte >= 0x20, byte < 0x7F {
            return (String(character), 1)
        }
        let scalars = character.unicodeScalars
        if let first = scalars.first, isControl(first) || isInvisibleControl(first) {
            return replacement(for: first)
        }
        // A base followed by a control or bidi override is rebuilt without it.
        if scalars.contains(where: { isControl($0) || isInvisibleControl($0) }) {
            var kept = String.UnicodeScalarView()
            for scalar in scalars where !isControl(scalar) && !isInvisibleControl(scalar) { kept.append(scalar) }
            let text = String(kept)
            return (text, text.isEmpty ? 0 : min(2, text.reduce(0) { max($0, DisplayWidth.of($1)) }))
        }
        return (String(character), DisplayWidth.of(character))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Bidi embeddings, overrides and isolates, and line/paragraph separators.
    private static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func replacement(for scalar: Unicode.Scalar) -> (String, Int) {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return (" ", 1)  // whitespace controls read as a space in one-line fields
        case 0..<0x20: return (String(Unicode.Scalar(0x2400 + scalar.value)!), 1)  // Control Pictures: ␛, ␇, …
        case 0x7F: return ("␡", 1)
        case 0x80...0x9F: return ("�", 1)
        default: return ("", 0)
        }
    }

    /// Display width of text, stopping early once it exceeds `limit`.
    package static func width(of text: some StringProtocol, limit: Int = .max) -> Int {
        var total = 0
        for character in text {
            total += sanitised(character).1
            if total > limit { break }
        }
        return total
    }

    /// Splits multi-line text (stack traces, log bodies) into at most `maxLines` lines of at most
    /// `maxLineLength` characters each, so a hostile megabyte value cannot exhaust memory.
    package static func lines(of text: String, maxLines: Int = 200, maxLineLength: Int = 2000) -> [String] {
        var result: [String] = []
        var current = ""
        var length = 0
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\r" {
                result.append(current)
                current = ""
                length = 0
                if result.count >= maxLines { return result + ["…"] }
                continue
            }
            if length < maxLineLength {
                current.append(character == "\t" ? "    " : String(character))
                length += 1
            }
        }
        result.append(current)
        return result
    }
}

/// Splits filter text into words at spaces, except inside double quotes, which are removed:
/// `op="POST /api/checkout" error` → [`op=POST /api/checkout`, `error`].
enum FilterWords {
    static func split(_ text: String) throws(FilterError) -> [Substring] {
        var words: [Substring] = []
        var current = ""
        var quoted = false
        var started = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { words.append(Substring(current)) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if quoted { throw FilterError("a quote is not closed: \(text)") }
        if started { words.append(Substring(current)) }
        return words
    }
}

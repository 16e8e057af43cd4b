import TraceModel

/// The filter prompt's small query language, for traces:
/// `service=billing op=charge dur>500ms dur<2s error corr=abc123 http.response.status_code=500`.
/// Every other `key=value` is a tag filter. Words are separated by spaces; quote a value that has one
/// (`op="POST /api/checkout"`).
package struct TraceFilter: Hashable, Sendable {
    package var service: String?
    package var operation: String?
    package var minDuration: Int64?
    package var maxDuration: Int64?
    package var errorsOnly = false
    package var correlationId: String?
    package var tags: [String: String] = [:]
    /// The text as the user typed it, shown in the prompt and the title.
    package var text = ""

    package init() {}

    package var isEmpty: Bool { text.isEmpty }

    package static func parse(_ text: String) throws(FilterError) -> TraceFilter {
        var filter = TraceFilter()
        filter.text = text.trimmingSpaces
        for word in try FilterWords.split(text) {
            if word == "error" || word == "errors" { filter.errorsOnly = true; continue }
            if word.hasPrefix("dur>") || word.hasPrefix("dur<") {
                let bound = word.dropFirst(4).drop(while: { $0 == "=" })
                guard let micros = DurationText.parse(bound) else {
                    throw FilterError(
                        "'\(word)': a duration looks like 500ms, 1.5s, 250us, 2m or 1h30m (units \(DurationGrammar.unitsHelp))")
                }
                if word.hasPrefix("dur>") { filter.minDuration = micros } else { filter.maxDuration = micros }
                continue
            }
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw FilterError("'\(word)': expected key=value, dur>500ms, dur<2s or error")
            }
            let key = String(word[..<equals]), value = String(word[word.index(after: equals)...])
            guard !value.isEmpty else { throw FilterError("'\(word)': the value after '=' is empty") }
            switch key {
            case "service", "svc": filter.service = value
            case "op", "operation": filter.operation = value
            case "corr", "correlation", "correlationId": filter.correlationId = value
            default: filter.tags[key] = value
            }
        }
        return filter
    }
}

/// A filter the user typed that cannot be understood; the message names the word and what is accepted.
package struct FilterError: Error, Hashable, Sendable {
    package var message: String
    package init(_ message: String) { self.message = message }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

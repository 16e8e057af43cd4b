import TraceModel

/// The filter prompt's language for the Logs view: `service=billing corr=abc sev>=warn trace=<id>` and
/// free words, which must all appear in the body (sent as `q`).
package struct LogFilter: Hashable, Sendable {
    package var service: String?
    package var correlationId: String?
    package var traceID: String?
    package var minSeverity: String?
    package var text: String?
    package var source = ""

    package init() {}

    package static func parse(_ text: String) throws(FilterError) -> LogFilter {
        var filter = LogFilter()
        filter.source = text.trimmingSpaces
        var words: [Substring] = []
        for word in try FilterWords.split(text) {
            if word.hasPrefix("sev>=") || word.hasPrefix("level=") || word.hasPrefix("sev=") {
                let value = String(word.split(separator: "=", maxSplits: 1).last ?? "")
                guard Severity.threshold(value) != nil else {
                    let names = Severity.names.map { $0.lowercased() }.joined(separator: ", ")
                    throw FilterError("'\(word)': severity is a number 0–24 or one of \(names)")
                }
                filter.minSeverity = value.lowercased()
                continue
            }
            if let equals = word.firstIndex(of: "="), equals != word.startIndex {
                let key = word[..<equals], value = String(word[word.index(after: equals)...])
                guard !value.isEmpty else { throw FilterError("'\(word)': the value after '=' is empty") }
                switch key {
                case "service", "svc": filter.service = value; continue
                case "corr", "correlation": filter.correlationId = value; continue
                case "trace", "traceID": filter.traceID = value; continue
                default: throw FilterError("'\(word)': log filters know service=, corr=, trace=, sev>= and plain words")
                }
            }
            words.append(word)
        }
        if !words.isEmpty { filter.text = words.joined(separator: " ") }
        return filter
    }
}

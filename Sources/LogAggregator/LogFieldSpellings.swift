/// The spellings of the fields a structured log line may carry, each list in priority order: when a line has two
/// spellings of one field, the earlier one is read and the other is kept as an attribute.
///
/// A dotted spelling also matches the nested form (`{"log":{"level":"info"}}` for `log.level`), which is how
/// Elastic Common Schema loggers write it.
enum LogFieldSpellings {
    enum Role: Hashable {
        case time, level, message, service, traceID, spanID, traceParent
    }

    static let lists: [(Role, [String])] = [
        (.time, ["timestamp", "time", "ts", "@timestamp"]),
        (.level, ["level", "severity", "lvl", "log.level"]),
        (.message, ["message", "msg", "body"]),
        (.service, ["service", "service.name", "app"]),
        (.traceID, ["trace_id", "traceId", "trace.id"]),
        (.spanID, ["span_id", "spanId", "span.id"]),
        (.traceParent, ["traceparent"])
    ]

    /// Correlation ids need no reading here: they stay attributes under their own key, where `CorrelationKeys`
    /// (whose default list holds all of these) finds them.
    static let correlation = ["correlation_id", "correlationId", "x-correlation-id", "request_id", "x-request-id"]

    struct Spelling {
        let role: Role
        /// The whole spelling, as error messages name it.
        let key: String
        let priority: Int
    }

    /// Spellings by top-level key, so a line's members are matched with one lookup each.
    static let byKey: [String: Spelling] = {
        var table: [String: Spelling] = [:]
        for (role, spellings) in lists {
            for (priority, key) in spellings.enumerated() { table[key] = Spelling(role: role, key: key, priority: priority) }
        }
        return table
    }()

    /// Dotted spellings by their outer key, then inner key: `log` → `level` → `log.level`.
    static let byOuterKey: [String: [String: Spelling]] = {
        var table: [String: [String: Spelling]] = [:]
        for (role, spellings) in lists {
            for (priority, key) in spellings.enumerated() {
                let parts = key.split(separator: ".", maxSplits: 1)
                guard parts.count == 2 else { continue }
                table[String(parts[0]), default: [:]][String(parts[1])] = Spelling(role: role, key: key, priority: priority)
            }
        }
        return table
    }()
}

import Foundation
import Hummingbird
import JSONToolkit
import TraceModel
import TracetopAPI

/// A query parameter that could not be understood; the message names it and says what is accepted.
struct QueryParameterError: Error {
    var message: String
}

/// Reads and validates query-string parameters. Times are microseconds since the epoch and durations are
/// written like `500ms`, `1.5s`, `250us` (a bare number is microseconds), as in Jaeger's API.
struct QueryParameters {
    let parameters: Parameters

    init(_ request: Request) { parameters = request.uri.queryParameters }

    func string(_ name: String) -> String? {
        guard let value = parameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    func all(_ name: String) -> [String] { parameters.getAll(name).filter { !$0.isEmpty } }

    func int(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws(QueryParameterError) -> Int {
        guard let text = string(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw QueryParameterError(message: "\(name): '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// Microseconds since the epoch, returned as nanoseconds.
    func timestamp(_ name: String) throws(QueryParameterError) -> UInt64? {
        guard let text = string(name) else { return nil }
        guard let micros = UInt64(text), micros <= UInt64.max / 1000 else {
            throw QueryParameterError(
                message: "\(name): '\(text)' is not a time; give microseconds since the Unix epoch, e.g. 1732490000000000")
        }
        return micros * 1000
    }

    /// A duration, returned as nanoseconds.
    func duration(_ name: String) throws(QueryParameterError) -> UInt64? {
        guard let text = string(name) else { return nil }
        guard let nanos = DurationGrammar.nanoseconds(text, bareNumbers: .microseconds) else {
            throw QueryParameterError(message: "\(name): '\(text)' is not a duration; write e.g. 250us, 500ms, 1.5s, 2m, 1h, 7d")
        }
        return nanos
    }

    func bool(_ name: String) throws(QueryParameterError) -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw QueryParameterError(message: "\(name): '\(text)' is not a boolean; use true or false")
        }
    }

    func spanKind(_ name: String) throws(QueryParameterError) -> SpanKind? {
        guard let text = string(name) else { return nil }
        guard let kind = SpanKind(shortName: text) ?? SpanKind(protoName: text.uppercased()) else {
            throw QueryParameterError(
                message: "\(name): '\(text)' is not a span kind; use server, client, producer, consumer, internal or unspecified")
        }
        return kind
    }

    func oneOf<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(QueryParameterError) -> T?
    where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            throw QueryParameterError(
                message: "\(name): '\(text)' is not accepted; use one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// The time window from `start`/`end` or `lookback` (default one hour back from now), as nanoseconds.
    func window(defaultLookbackNanos: UInt64 = 3_600_000_000_000) throws(QueryParameterError) -> (from: UInt64, to: UInt64) {
        let now = UnixTime.nowNanoseconds()
        let end = try timestamp(.end) ?? now
        let start: UInt64
        if let explicit = try timestamp(.start) {
            start = explicit
        } else {
            let lookback = try duration(.lookback) ?? defaultLookbackNanos
            start = end > lookback ? end - lookback : 0
        }
        guard start <= end else { throw QueryParameterError(message: "start: must not be after end") }
        return (start, end)
    }

    /// Jaeger's tag filters: `tags={"k":"v"}` (a JSON object) and repeated `tag=k:v`.
    func tags() throws(QueryParameterError) -> [String: String] {
        var tags: [String: String] = [:]
        if let json = string(.tags) {
            let value: JSONValue
            do {
                value = try JSONValue.parse(json)
            } catch {
                throw QueryParameterError(
                    message: "tags: not a JSON object of strings (\(error)); write e.g. {\"http.response.status_code\":\"500\"}")
            }
            guard case .object(let object) = value else {
                throw QueryParameterError(message: "tags: must be a JSON object, e.g. {\"error\":\"true\"}")
            }
            for member in object.members { tags[member.key] = member.value.tagText }
        }
        for pair in all(.tag) {
            guard let colon = pair.firstIndex(of: ":"), colon != pair.startIndex else {
                throw QueryParameterError(message: "tag: '\(pair)' is not key:value")
            }
            tags[String(pair[..<colon])] = String(pair[pair.index(after: colon)...])
        }
        return tags
    }
}

extension JSONValue {
    /// A tag filter value: strings as they are, other scalars in their JSON spelling.
    var tagText: String {
        switch self {
        case .string(let text): return text
        case .number(let number): return number.text
        case .bool(let value): return value ? "true" : "false"
        case .null: return ""
        case .array, .object: return ""
        }
    }
}

extension TraceID {
    /// Jaeger accepts ids shorter than 32 digits (64-bit trace ids) and pads them with zeros.
    init?(queryText text: String) {
        guard (1...32).contains(text.count), text.allSatisfy(\.isHexDigit) else { return nil }
        self.init(hex: String(repeating: "0", count: 32 - text.count) + text)
    }
}

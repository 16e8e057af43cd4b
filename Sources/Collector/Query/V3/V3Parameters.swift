import JSONToolkit
import TraceModel

/// api_v3's query parameters, read as Jaeger's HTTP gateway reads them (`query_parser.go`): each has a
/// canonical camelCase name (proto3 JSON, Jaeger ≥ 2.19, what Jaeger's UI sends) and a snake_case alias
/// (what Grafana sends); the canonical one wins when both are given. Errors name the spelling that was used.
struct V3Parameters {
    let parameters: QueryParameters

    /// A value and the name it was given under.
    func value(_ canonical: String, _ alias: String) -> (text: String, name: String)? {
        if let text = parameters.string(canonical) { return (text, canonical) }
        if let text = parameters.string(alias) { return (text, alias) }
        return nil
    }

    static func malformed(_ name: String, _ problem: String) -> QueryParameterError {
        QueryParameterError(message: "malformed parameter \(name): \(problem)")
    }

    func time(_ canonical: String, _ alias: String) throws(QueryParameterError) -> UInt64? {
        guard let (text, name) = value(canonical, alias) else { return nil }
        guard let nanos = RFC3339Time.nanoseconds(text) else {
            throw Self.malformed(name, "'\(text)' is not an RFC 3339 time; write e.g. 2026-11-24T12:00:00.000000000Z")
        }
        return nanos
    }

    func duration(_ canonical: String, _ alias: String) throws(QueryParameterError) -> UInt64? {
        guard let (text, name) = value(canonical, alias) else { return nil }
        guard let nanos = DurationGrammar.nanoseconds(text, bareNumbers: .refused) else {
            throw Self.malformed(name, "'\(text)' is not a duration; write e.g. 100us, 250ms, 1.5s, 2m, 1h30m")
        }
        return nanos
    }

    /// Go's `strconv.ParseBool` spellings.
    func bool(_ canonical: String, _ alias: String) throws(QueryParameterError) -> Bool? {
        guard let (text, name) = value(canonical, alias) else { return nil }
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: throw Self.malformed(name, "'\(text)' is not a boolean; use true or false")
        }
    }

    /// `query.attributes`: a JSON object whose values are strings, as Jaeger's gateway unmarshals it.
    func attributes() throws(QueryParameterError) -> [String: String] {
        let name = "query.attributes"
        guard let text = parameters.string(name) else { return [:] }
        let example = #"write a JSON object of strings, e.g. {"http.response.status_code":"500"}"#
        guard case .object(let object)? = try? JSONValue.parse(Array(text.utf8)) else {
            throw Self.malformed(name, "not a JSON object; " + example)
        }
        var attributes: [String: String] = [:]
        for member in object.members {
            guard case .string(let value) = member.value else {
                throw Self.malformed(name, "the value of '\(member.key)' is not a string; " + example)
            }
            attributes[member.key] = value
        }
        return attributes
    }
}

import Foundation
import Testing

/// Reading api_v3 answers (OTLP JSON) and their v1 counterparts, for comparing the two.
enum V3 {
    /// Span count per trace id in a `{"result":{"resourceSpans":[…]}}` answer.
    static func spansPerTrace(_ exchange: HTTPExchange) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for span in try spans(exchange) { counts[span["traceId"] as? String ?? "?", default: 0] += 1 }
        return counts
    }

    static func spans(_ exchange: HTTPExchange) throws -> [[String: Any]] {
        let body = try #require(try exchange.json() as? [String: Any], "not a JSON object: \(exchange.text.prefix(200))")
        let result = try #require(body["result"] as? [String: Any], "no result: \(exchange.text.prefix(200))")
        let resourceSpans = try #require(result["resourceSpans"] as? [[String: Any]])
        return resourceSpans.flatMap { ($0["scopeSpans"] as? [[String: Any]] ?? []).flatMap { $0["spans"] as? [[String: Any]] ?? [] } }
    }

    /// Span count per trace id in a v1 `/api/traces` answer.
    static func v1SpansPerTrace(_ exchange: HTTPExchange) throws -> [String: Int] {
        let traces = try #require((try exchange.json() as? [String: Any])?["data"] as? [[String: Any]])
        var counts: [String: Int] = [:]
        for trace in traces { counts[trace["traceID"] as? String ?? "?"] = (trace["spans"] as? [Any])?.count }
        return counts
    }

    /// `{"error":{"httpCode":N,"message":"…"}}`.
    static func error(_ exchange: HTTPExchange) -> (code: Int?, message: String) {
        let error = (try? exchange.json() as? [String: Any])?["error"] as? [String: Any]
        return (error?["httpCode"] as? Int, error?["message"] as? String ?? "")
    }

    /// Query-string escaping for a value (`+`, `&`, `=`, `:` and JSON's braces and quotes included).
    static func escape(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    static func query(_ parameters: [(String, String)]) -> String {
        parameters.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
    }
}

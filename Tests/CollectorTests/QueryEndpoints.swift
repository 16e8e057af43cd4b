import Foundation
import JSONToolkit
import TraceModel

/// The query endpoints and their parameters, read from the collector's own `/openapi.json` (the API's contract,
/// checked against docs/API.md by `OpenAPITests`), so a request list built from it skips no endpoint and no
/// parameter: one added to the API without values to try fails the differential test.
struct QueryEndpoint: Sendable {
    struct Parameter: Sendable, Hashable {
        var name: String
        var inPath: Bool
        var required: Bool
        /// The canonical name this one is an alias of ("alias of query.startTimeMin"): trying the alias drops it.
        var aliasOf: String?
    }

    var path: String
    var parameters: [Parameter]

    /// GETs that report the process and its database file rather than the stored data: they are not queries.
    static let notQueries: Set<String> = ["/metrics", "/healthz", "/readyz"]

    static func all(openAPI: Data) throws -> [QueryEndpoint] {
        guard case .object(let document) = try JSONValue.parse([UInt8](openAPI)),
            case .object(let paths)? = document["paths"],
            case .object(let components)? = document["components"],
            case .object(let shared)? = components["parameters"]
        else { throw StoreError("/openapi.json has no paths") }
        var endpoints: [QueryEndpoint] = []
        for member in paths.members where !notQueries.contains(member.key) {
            guard case .object(let methods) = member.value, case .object(let get)? = methods["get"] else { continue }
            var parameters: [Parameter] = []
            if case .array(let list)? = get["parameters"] {
                for item in list {
                    guard case .object(var parameter) = item else { continue }
                    if case .string(let reference)? = parameter["$ref"],
                        case .object(let resolved)? = shared[String(reference.split(separator: "/").last ?? "")]
                    {
                        parameter = resolved
                    }
                    guard case .string(let name)? = parameter["name"] else { throw StoreError("\(member.key): a parameter without a name") }
                    var aliasOf: String?
                    if case .string(let description)? = parameter["description"], let range = description.range(of: "alias of ") {
                        aliasOf = String(description[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," })
                    }
                    parameters.append(
                        Parameter(
                            name: name, inPath: parameter["in"] == .string("path"), required: parameter["required"] == .bool(true),
                            aliasOf: aliasOf))
                }
            }
            endpoints.append(QueryEndpoint(path: member.key, parameters: parameters))
        }
        return endpoints
    }
}

/// One GET sent to both collectors.
struct QueryRequest: Sendable, Hashable, CustomStringConvertible {
    var endpoint: String
    var parameters: [String: String]

    /// The URL path and query: path parameters put in place, everything percent-encoded, names in a fixed order.
    /// A value of several lines is sent as the parameter repeated, once per line (`tag=a:1&tag=b:2`).
    var target: String {
        var path = endpoint
        var query: [String] = []
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            if path.contains("{\(name)}") {
                path = path.replacingOccurrences(of: "{\(name)}", with: V3.escape(value))
            } else {
                for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
                    query.append("\(V3.escape(name))=\(V3.escape(String(line)))")
                }
            }
        }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    var description: String {
        "GET \(endpoint) "
            + (parameters.isEmpty
                ? "(no parameters)" : parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
    }
}

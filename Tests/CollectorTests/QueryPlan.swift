/// Which values each query parameter takes, and the requests built from them: for every endpoint its base
/// request, then each parameter tried alone with each of its values, then the groups of parameters that are
/// tried together. A parameter of an endpoint with no values to try is an error, so none is skipped.
struct QueryPlan {
    /// Values to try, keyed `"endpoint name"` or just `name`; nil leaves the parameter out.
    var values: [String: [String?]] = [:]
    /// What each request of an endpoint starts from (its path parameters, required ones, a window over the data).
    var base: [String: [String: String]] = [:]
    /// Parameters tried together, row by row, wherever an endpoint has all of them.
    var tuples: [(names: [String], rows: [[String?]])] = []
    /// Per endpoint, groups of parameters whose values are crossed with each other.
    var crossed: [String: [[String]]] = [:]
    /// Trying the key drops these from the base: `lookback` counts back from `end` only when there is no `start`.
    var displaces: [String: [String]] = ["lookback": ["start"]]

    func values(_ endpoint: String, _ name: String) -> [String?]? { values["\(endpoint) \(name)"] ?? values[name] }

    func requests(_ endpoints: [QueryEndpoint]) throws -> [QueryRequest] {
        var requests: [QueryRequest] = []
        var seen = Set<QueryRequest>()
        for endpoint in endpoints {
            let byName = Dictionary(endpoint.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let base = self.base[endpoint.path] ?? [:]
            for parameter in endpoint.parameters {
                guard values(endpoint.path, parameter.name) != nil else {
                    throw StoreError("\(endpoint.path): no values to try for its parameter '\(parameter.name)'")
                }
                if parameter.inPath && base[parameter.name] == nil {
                    throw StoreError("\(endpoint.path): no base value for its path parameter '\(parameter.name)'")
                }
            }
            func add(_ names: [String], _ row: [String?]) {
                var parameters = base
                for name in names {
                    for displaced in (displaces[name] ?? []) + [byName[name]?.aliasOf].compactMap({ $0 }) { parameters[displaced] = nil }
                }
                for (name, value) in zip(names, row) {
                    if byName[name]?.inPath == true && value == nil { return }
                    parameters[name] = value
                }
                let request = QueryRequest(endpoint: endpoint.path, parameters: parameters)
                if seen.insert(request).inserted { requests.append(request) }
            }
            add([], [])
            for parameter in endpoint.parameters {
                for value in values(endpoint.path, parameter.name) ?? [] { add([parameter.name], [value]) }
            }
            for tuple in tuples where tuple.names.allSatisfy({ byName[$0] != nil }) {
                for row in tuple.rows { add(tuple.names, row) }
            }
            for group in crossed[endpoint.path] ?? [] {
                guard group.allSatisfy({ byName[$0] != nil }) else {
                    throw StoreError("\(endpoint.path): a crossed group names a parameter it does not have: \(group)")
                }
                var rows: [[String?]] = [[]]
                for name in group {
                    let choices = values(endpoint.path, name) ?? []
                    rows = rows.flatMap { row in choices.map { row + [$0] } }
                }
                for row in rows { add(group, row) }
            }
        }
        return requests
    }
}

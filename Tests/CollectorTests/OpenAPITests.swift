import Collector
import Foundation
import Testing
import TracetopAPI

/// `/openapi.json` is valid JSON, open without a token, and names only paths the collector serves.
@Suite struct OpenAPITests {
    @Test func documentDescribesServedPaths() async throws {
        try await LiveCollector.with(configure: { $0.access = AccessTokens(ingest: "i", query: "q") }) { live in
            let answer = try await HTTP.get(live.base + "/openapi.json")
            #expect(answer.status == 200)
            let document = try #require(try answer.json() as? [String: Any])
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.count == 23)
            for (path, operations) in paths {
                let concrete = path.replacingOccurrences(of: "{service}", with: "s").replacingOccurrences(of: "{traceID}", with: "abc")
                    .replacingOccurrences(of: "{id}", with: "c-1")
                for method in operations.keys {
                    let exchange = try await HTTP.send(
                        method.uppercased(), live.base + concrete, headers: ["Authorization": method == "get" ? "Bearer q" : "Bearer i"])
                    // Served: anything but 404-from-the-router (a trace lookup's own 404 names the trace).
                    #expect(
                        exchange.status != 404 || exchange.text.contains("trace not found") || exchange.text.contains("No traces found"),
                        "\(method) \(path): \(exchange.status)")
                    #expect(exchange.status < 500, "\(method) \(path): \(exchange.status) \(exchange.text.prefix(200))")
                }
            }
        }
    }

    /// tracetop's own query API (`/api/…` but api_v3) is described twice: by TracetopAPI's routes, which the
    /// collector serves and tracetop calls, and by the document. Every route and parameter in one is in the other.
    @Test func documentAndTracetopAPIDescribeTheSameRoutesAndParameters() async throws {
        try await LiveCollector.with { live in
            let endpoints = try QueryEndpoint.all(openAPI: try await HTTP.get(live.base + "/openapi.json").body)
            let documented = endpoints.filter { $0.path.hasPrefix("/api/") && !$0.path.hasPrefix("/api/v3/") }
            #expect(Set(documented.map(\.path)) == Set(APIRoute.all.map(\.path)))
            for route in APIRoute.all {
                guard let endpoint = documented.first(where: { $0.path == route.path }) else { continue }
                let inDocument = Set(endpoint.parameters.map { "\($0.inPath ? "path" : "query") \($0.name)" })
                let inRoute = Set(route.pathParameters.map { "path \($0)" } + route.queryParameters.map { "query \($0.name)" })
                #expect(
                    inDocument == inRoute,
                    "\(route.path): only in the document \(inDocument.subtracting(inRoute)), only in TracetopAPI \(inRoute.subtracting(inDocument))"
                )
            }
        }
    }
}

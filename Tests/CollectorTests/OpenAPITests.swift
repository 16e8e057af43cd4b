import Collector
import Foundation
import Testing

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
}

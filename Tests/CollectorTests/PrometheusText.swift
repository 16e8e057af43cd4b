import Foundation
import Testing

/// `/metrics` read by Prometheus' own parser (`prometheus_client` from PyPI, in .venv; scripts/e2e/parse_metrics.py).
struct PrometheusText {
    struct Sample: Decodable {
        var name: String
        var labels: [String: String]
        var value: Double?
    }

    struct Family: Decodable {
        var name: String
        var type: String
        var help: String
        var samples: [Sample]
    }

    var families: [Family]

    /// Scrapes and parses; the Content-Type must be the text format's.
    static func scrape(_ base: String, token: String? = nil) async throws -> PrometheusText {
        let answer = try await HTTP.send("GET", base + "/metrics", headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        #expect(answer.status == 200, "\(answer.text.prefix(200))")
        #expect(answer.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let text = answer.body
        return try await offThePool { try parse(text) }
    }

    static func parse(_ text: Data) throws -> PrometheusText {
        let run = try PythonScript.run("parse_metrics.py", input: text)
        guard run.status == 0 else {
            throw StoreError(
                "prometheus_client could not parse /metrics: \(run.errors)\n\(String(decoding: text, as: UTF8.self).prefix(2000))")
        }
        return PrometheusText(families: try JSONDecoder().decode([Family].self, from: run.output))
    }

    /// The value of the sample with this name whose labels include `labels` (0 when there is none yet).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        families.flatMap(\.samples).first { sample in
            sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value }
        }?.value ?? 0
    }

    func family(_ name: String) -> Family? { families.first { $0.name == name } }
}

import Foundation
import Testing
import TraceModel
import TraceStore

/// Correlation ids and the text `q=` searches keep every byte, NUL included: SQLite binds and reads TEXT as C
/// strings unless told the length, so without care "k\0one" and "k\0two" would both be stored, and found, as "k".
@Suite struct NULByteTests {
    private static let ids = ["k\u{0}one", "k\u{0}two"]
    private static let traceIDs = ["00000000000000000000000000000a01", "00000000000000000000000000000a02"]

    /// One trace and one log per correlation id; each log's body is "needle\0" followed by the id's suffix.
    private static func post(to live: LiveCollector) async throws {
        for (index, id) in ids.enumerated() {
            let attributes = #"[{"key":"correlation_id","value":{"stringValue":\#(HostileRequests.quoted(id))}}]"#
            let trace = HostileRequests.traces(attributes: attributes, traceID: traceIDs[index])
            #expect(try await HTTP.post(live.base + "/v1/traces", json: Data(trace.utf8)).status == 200)
            let suffix = String(id.split(separator: "\u{0}").last!)
            let log = HostileRequests.logs(body: "needle\u{0}" + suffix)
                .replacingOccurrences(of: #""severityNumber":9,"#, with: #""severityNumber":9,"attributes":\#(attributes),"#)
            #expect(try await HTTP.post(live.base + "/v1/logs", json: Data(log.utf8)).status == 200)
        }
    }

    private static func data(_ answer: HTTPExchange) throws -> Any? {
        try #require(try answer.json() as? [String: Any])["data"]
    }

    @Test func correlationIDsWithNULAreStoredAndFoundExactly() async throws {
        try await LiveCollector.with { live in
            try await Self.post(to: live)
            for (index, id) in Self.ids.enumerated() {
                let traceID = try #require(TraceID(hex: Self.traceIDs[index]))
                let stored = try await live.store.correlationIDs(ofTrace: traceID)
                #expect(stored == [id], "stored \(stored.map(\.debugDescription)) for \(id.debugDescription)")

                let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let answer = try #require(try Self.data(try await HTTP.get(live.base + "/api/correlations/\(encoded)")) as? [String: Any])
                #expect(answer["correlationId"] as? String == id)
                let traces = try #require(answer["traces"] as? [[String: Any]])
                #expect(
                    traces.map { $0["traceID"] as? String } == [Self.traceIDs[index]],
                    "traces for \(id.debugDescription): \(traces)")
                #expect(traces.first?["correlationIds"] as? [String] == [id])
                let logs = try #require(answer["logs"] as? [[String: Any]])
                #expect(logs.count == 1, "logs for \(id.debugDescription): \(logs.count)")
                #expect(logs.first?["correlationIds"] as? [String] == [id])

                let summaries = try #require(
                    try Self.data(try await HTTP.get(live.base + "/api/trace-summaries?correlationId=\(encoded)&start=0"))
                        as? [[String: Any]])
                #expect(summaries.count == 1, "summaries for \(id.debugDescription): \(summaries.count)")
                let byQuery = try #require(try Self.data(try await HTTP.get(live.base + "/api/logs?correlationId=\(encoded)")) as? [Any])
                #expect(byQuery.count == 1)
            }
            // The part before the NUL is another id, not a prefix match.
            let prefix = try #require(try Self.data(try await HTTP.get(live.base + "/api/correlations/k")) as? [String: Any])
            #expect((prefix["traces"] as? [Any])?.count == 0)
            #expect((prefix["logs"] as? [Any])?.count == 0)
        }
    }

    @Test func textSearchMatchesAcrossNUL() async throws {
        try await LiveCollector.with { live in
            try await Self.post(to: live)
            for (query, expected) in [
                ("needle%00one", ["needle\u{0}one"]), ("needle%00two", ["needle\u{0}two"]),
                ("NEEDLE%00", ["needle\u{0}two", "needle\u{0}one"]), ("needle%00three", []), ("e%00o", ["needle\u{0}one"])
            ] {
                let logs = try #require(try Self.data(try await HTTP.get(live.base + "/api/logs?q=\(query)")) as? [[String: Any]])
                let bodies = logs.map { $0["body"] as? String ?? "?" }
                #expect(bodies == expected, "q=\(query) found \(bodies.map(\.debugDescription))")
            }
        }
    }
}

import CollectorHTTP
import Foundation
import Testing

/// The clients' one HTTP client against a real collector: its size limit and its words for failures.
@Suite struct CollectorHTTPClientTests {
    @Test func anAnswerOverTheLimitIsRefusedNamingTheCollectorAndTheLimit() async throws {
        try await LiveCollector.with { live in
            let base = try #require(URL(string: live.base))
            let small = CollectorHTTPClient(baseURL: base, timeoutSeconds: 5, maxResponseBytes: 1000)
            await #expect(throws: CollectorHTTPError.self) { try await small.send("GET", base.appendingPathComponent("openapi.json")) }
            do throws(CollectorHTTPError) {
                _ = try await small.send("GET", base.appendingPathComponent("openapi.json"))
            } catch {
                #expect(error.description == "answer from \(live.base) /openapi.json is over the 1000-byte limit")
                #expect(error.collectorAnswered)
            }
            // Under the limit: the whole answer.
            let roomy = CollectorHTTPClient(baseURL: base, timeoutSeconds: 5, maxResponseBytes: 1 << 20)
            let answer = try await roomy.send("GET", base.appendingPathComponent("openapi.json"))
            #expect(answer.status == 200 && answer.body.count > 1000)
        }
    }

    @Test func aRefusedConnectionIsSaidAtOnce() async throws {
        let base = try #require(URL(string: "http://127.0.0.1:1"))
        let client = CollectorHTTPClient(baseURL: base, timeoutSeconds: 120, maxResponseBytes: 1000)
        let started = ContinuousClock.now
        do throws(CollectorHTTPError) {
            _ = try await client.send("GET", base.appendingPathComponent("api/services"))
            Issue.record("port 1 answered")
        } catch {
            #expect(error.description == "collector unreachable at http://127.0.0.1:1: connection refused (is it running?)")
            #expect(!error.collectorAnswered)
        }
        // Not retried until the deadline. (The bound is loose: with 400 tests on 2 cores, this one once waited 12 s
        // for the machine.)
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}

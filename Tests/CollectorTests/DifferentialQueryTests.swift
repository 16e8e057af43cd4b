import Foundation
import JSONToolkit
import Testing
import TraceModel
import TraceStorePostgres
import WireCodecs

/// Issue #16, item 3: every query answers the same on both backends. The same fixture goes through the real
/// ingest path of two `tracetop-collector` processes, one on a SQLite file and one on PostgreSQL; then every
/// query endpoint of `/openapi.json` (docs/API.md) is asked the same requests, each parameter with the values
/// `QueryPlan.over` draws from the stored data, and the JSON answers must be equal (docs/POSTGRES.md,
/// "Differences from SQLite", lists what is normalised and why).
@Suite(.enabled(if: TestPostgres.isWanted, "needs a PostgreSQL test server: TRACETOP_TEST_POSTGRES (scripts/test starts one)"))
struct DifferentialQueryTests {
    @Test func querySuiteAnswersTheSameOnSQLiteAndPostgreSQL() async throws {
        try await Self.compareBackends(fixture: "query-suite", minimumRequests: 800) { base in
            try await QueryAPITests.loadFixture(base: base)
        }
    }

    @Test func demoSmallAnswersTheSameOnSQLiteAndPostgreSQL() async throws {
        try await Self.compareBackends(fixture: "demo-small", minimumRequests: 1500) { base in
            try await Self.loadDemoSmall(base: base)
        }
    }

    /// `fixtures/demo-small` as its services' SDKs sent it, request by request (its README).
    static func loadDemoSmall(base: String) async throws {
        let directory = Paths.fixtures.appendingPathComponent("demo-small")
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.first?.isNumber == true }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(files.count > 100)
        for file in files {
            let body = try Data(contentsOf: file)
            let name = file.lastPathComponent
            let response: HTTPExchange
            if name.contains("-traces-") {
                response = try await HTTP.post(base + "/v1/traces", json: body)
            } else if name.contains("-logs-") {
                response = try await HTTP.post(base + "/v1/logs", json: body)
            } else {
                response = try await HTTP.send("POST", base + "/api/logs", body: body, headers: ["Content-Type": "application/x-ndjson"])
            }
            try #require(response.status == 200, "\(name): \(response.status) \(response.text)")
        }
    }

    /// Traces that start in the same microsecond (neither fixture has any): newest first, the default order of
    /// every search, breaks the tie the same way on both backends, also where a limit cuts between them.
    @Test func tracesStartingTogetherComeBackInTheSameOrder() async throws {
        let start: UInt64 = 1_767_225_500_000_000_000
        let spans = [0xa1, 0xc3, 0xb2, 0xd4].enumerated().map { index, trace in
            (
                "ties",
                Span(
                    traceID: TraceID(high: 0, low: UInt64(trace)), spanID: SpanID(1), parentSpanID: nil, name: "tied", kind: .server,
                    startTimeUnixNano: start, endTimeUnixNano: start + 5_000_000 + UInt64(index % 2) * 1_000_000,
                    status: SpanStatus(code: index == 1 ? .error : .unset))
            )
        }
        let body = Data(OTLPJSON.encode(SharedStoreTests.tracesData(spans)))
        try await Self.withBothBackends { sqlite, postgres in
            for base in [sqlite, postgres] {
                try #require(try await HTTP.post(base + "/v1/traces", json: body).status == 200)
            }
            var requests: [QueryRequest] = []
            for endpoint in ["/api/trace-summaries", "/api/traces"] {
                for limit in [nil, "1", "2", "3"] as [String?] {
                    var parameters = ["start": String(start / 1000 - 1), "end": String(start / 1000 + 1), "service": "ties"]
                    parameters["limit"] = limit
                    requests.append(QueryRequest(endpoint: endpoint, parameters: parameters))
                }
            }
            for endpoint in ["/api/v3/trace-summaries", "/api/v3/traces"] {
                for depth in ["1", "2", "3", "100"] {
                    requests.append(
                        QueryRequest(
                            endpoint: endpoint,
                            parameters: [
                                "query.startTimeMin": "2025-12-31T23:58:20Z", "query.startTimeMax": "2025-12-31T23:58:20.000001Z",
                                "query.searchDepth": depth
                            ]))
                }
            }
            let outcomes = try await Self.compare(requests, reference: sqlite, other: postgres)
            #expect(outcomes.allSatisfy { $0.foundSomething })
            for outcome in outcomes where outcome.difference != nil {
                Issue.record("ties: \(outcome.request) [\(outcome.request.target)]: \(outcome.difference!)")
            }
        }
    }

    /// A collector on a fresh SQLite file and one on a fresh PostgreSQL database, their base URLs.
    static func withBothBackends(_ body: @Sendable (_ sqlite: String, _ postgres: String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestPostgres.withFreshDatabase { location in
            let sqlite = try CollectorProcess(databasePath: directory.appendingPathComponent("traces.db").path)
            defer { _ = sqlite.terminate() }
            let postgres = try CollectorProcess(databasePath: location.url)
            defer { _ = postgres.terminate() }
            try await body(sqlite.base, postgres.base)
        }
    }

    /// Loads the fixture into a collector on SQLite and one on PostgreSQL, then compares every request's answer.
    static func compareBackends(
        fixture: String, minimumRequests: Int, load: @Sendable (String) async throws -> Void
    ) async throws {
        try await withBothBackends { sqlite, postgres in
            try await load(sqlite)
            try await load(postgres)

            let endpoints = try QueryEndpoint.all(openAPI: try await HTTP.get(sqlite + "/openapi.json").body)
            let facts = try await StoredFacts.read(from: sqlite)
            #expect(
                !facts.traces.isEmpty && !facts.tags.isEmpty && !facts.correlationIDs.isEmpty,
                "the fixture should have traces, tags and correlation ids")
            let requests = try QueryPlan.over(facts).requests(endpoints)
            let outcomes = try await compare(requests, reference: sqlite, other: postgres)

            let differing = outcomes.filter { $0.difference != nil }
            let perEndpoint = Dictionary(grouping: outcomes, by: \.request.endpoint).mapValues(\.count)
            print(
                """
                differential \(fixture): compared \(outcomes.count) requests over \(perEndpoint.count) endpoints \
                (\(outcomes.filter(\.foundSomething).count) found something, \(outcomes.filter { $0.status == 400 }.count) refused, \
                \(differing.count) differ): \(perEndpoint.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                """)
            let slowest = Dictionary(grouping: outcomes, by: \.request.endpoint).mapValues { $0.reduce(Duration.zero) { $0 + $1.elapsed } }
                .sorted { $0.value > $1.value }.prefix(4)
            print(
                "differential \(fixture): slowest endpoints (both answers, summed): "
                    + slowest.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            if let worst = outcomes.max(by: { $0.elapsed < $1.elapsed }) {
                print("differential \(fixture): slowest request \(worst.request.target) \(worst.elapsed)")
            }
            #expect(Set(perEndpoint.keys) == Set(endpoints.map(\.path)), "every query endpoint is asked")
            #expect(outcomes.count >= minimumRequests, "the plan should make at least \(minimumRequests) requests")
            #expect(outcomes.filter(\.foundSomething).count * 3 >= outcomes.count, "most requests should find something")
            for outcome in differing.prefix(25) {
                Issue.record("\(fixture): \(outcome.request) [\(outcome.request.target)]: \(outcome.difference!)")
            }
        }
    }

    struct Outcome: Sendable {
        var request: QueryRequest
        var status: Int
        var foundSomething: Bool
        var difference: String?
        var elapsed: Duration = .zero
    }

    /// Each request to both collectors; a few at a time.
    static func compare(_ requests: [QueryRequest], reference: String, other: String) async throws -> [Outcome] {
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var outcomes: [Outcome] = []
            var pending = requests[...]
            func start() {
                guard let request = pending.popFirst() else { return }
                group.addTask {
                    let started = ContinuousClock.now
                    async let left = HTTP.get(reference + request.target)
                    async let right = HTTP.get(other + request.target)
                    var outcome = Self.outcome(request, try await left, try await right)
                    outcome.elapsed = ContinuousClock.now - started
                    return outcome
                }
            }
            for _ in 0..<4 { start() }
            while let outcome = try await group.next() {
                outcomes.append(outcome)
                start()
            }
            return outcomes
        }
    }

    static func outcome(_ request: QueryRequest, _ reference: HTTPExchange, _ other: HTTPExchange) -> Outcome {
        var outcome = Outcome(
            request: request, status: reference.status, foundSomething: reference.status == 200 && reference.body.count > 120)
        guard reference.status == other.status else {
            outcome.difference = "status: SQLite \(reference.status), PostgreSQL \(other.status) (\(other.text.prefix(200)))"
            return outcome
        }
        guard reference.header("Content-Type") == other.header("Content-Type") else {
            outcome.difference =
                "Content-Type: SQLite \(reference.header("Content-Type") ?? "none"), PostgreSQL \(other.header("Content-Type") ?? "none")"
            return outcome
        }
        guard let left = try? JSONValue.parse([UInt8](reference.body)), let right = try? JSONValue.parse([UInt8](other.body)) else {
            if reference.body != other.body {
                outcome.difference = "body (not JSON): SQLite \(reference.text.prefix(160)), PostgreSQL \(other.text.prefix(160))"
            }
            return outcome
        }
        outcome.difference = JSONDifference.first(left, right, rules: BackendDifferences.rules(request))?.description
        return outcome
    }
}

/// What the comparison leaves out, each with its reason; docs/POSTGRES.md ("Differences from SQLite") lists
/// the differences between the backends themselves.
enum BackendDifferences {
    static func rules(_ request: QueryRequest) -> JSONDifference.Rules {
        var rules = JSONDifference.Rules()
        // Not a backend difference: with `start` and no `end` the window ends when the request arrives, and the
        // two collectors are asked a few milliseconds apart, so the rate over the window differs in its last digits.
        if request.endpoint == "/api/latency", request.parameters["start"] != nil, request.parameters["end"] == nil {
            rules.ignored.insert("$.data[].ratePerSecond")
        }
        return rules
    }
}

import Foundation
import Testing
import TraceStorePostgres

/// The real `tracetop-collector` executable on PostgreSQL (`--db postgres://…`), against the test server
/// `scripts/test` starts (`TRACETOP_TEST_POSTGRES`; with `TRACETOP_REQUIRE_POSTGRES=1` a missing one fails).
@Suite(.enabled(if: TestPostgres.isWanted, "needs a PostgreSQL test server: TRACETOP_TEST_POSTGRES (scripts/test starts one)"))
struct PostgresCollectorTests {
    /// Spans and logs posted over HTTP to a collector on PostgreSQL read back through the query API: every query
    /// of the query suite (traces, search, logs, correlation, latency, dependencies) answers as on SQLite.
    @Test func everyQueryOfTheQuerySuiteAnswersAsExpected() async throws {
        try await TestPostgres.withFreshDatabase { location in
            let collector = try CollectorProcess(databasePath: location.url)
            defer { _ = collector.terminate() }
            let queries = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: QueryAPITests.suite.appendingPathComponent("queries.json"))) as? [[String: Any]])
            try await QueryAPITests.loadFixture(base: collector.base)
            for query in queries {
                try await QueryAPITests.check(query, base: collector.base)
            }
        }
    }

    /// What one collector stored, another one (started after it stopped, on the same database) answers.
    @Test func aSecondCollectorOnTheSameDatabaseSeesWhatTheFirstStored() async throws {
        try await TestPostgres.withFreshDatabase { location in
            let first = try CollectorProcess(databasePath: location.url)
            try await QueryAPITests.loadFixture(base: first.base)
            #expect(first.terminate() == 0)
            let second = try CollectorProcess(databasePath: location.url)
            defer { _ = second.terminate() }
            let trace = try await HTTP.get(second.base + "/api/traces/" + QueryAPITests.traceHex(1))
            #expect(trace.status == 200)
            let spans = ((try trace.json() as? [String: Any])?["data"] as? [[String: Any]])?.first?["spans"] as? [Any]
            #expect((spans?.count ?? 0) > 0, "\(trace.text.prefix(300))")
        }
    }

    /// The password may come from --db-password-file instead of the URL.
    @Test func passwordFromAFile() async throws {
        try await TestPostgres.withFreshDatabase { location in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-pw-\(UUID().uuidString)")
            try Data(((location.password ?? "") + "\n").utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            var withoutPassword = location
            withoutPassword.password = nil
            let collector = try CollectorProcess(databasePath: withoutPassword.url, extraArguments: ["--db-password-file", file.path])
            defer { _ = collector.terminate() }
            #expect(try await HTTP.get(collector.base + "/api/services").status == 200)
        }
    }

    /// A wrong password: one line naming the host and the server's reason, and a non-zero exit.
    @Test func wrongPasswordFailsAtStartWithOneLine() async throws {
        var location = try TestPostgres.server()
        location.password = "not-the-password"
        let (status, output) = try await CollectorProcess.runToExit(["--listen", "127.0.0.1:0", "--db", location.url])
        #expect(status != 0)
        let line = try #require(output.split(separator: "\n").first { $0.contains("cannot connect to PostgreSQL") }, "\(output)")
        #expect(line.contains("\(location.host):\(location.port)"))
        #expect(line.contains("password authentication failed"))
        #expect(!output.contains("not-the-password"))
        #expect(output.split(separator: "\n").count == 1, "\(output)")
    }

    /// Nothing listening on the port: the same, with the connection's reason.
    @Test func unreachableServerFailsAtStartWithOneLine() async throws {
        let (status, output) = try await CollectorProcess.runToExit(
            ["--listen", "127.0.0.1:0", "--db", "postgres://tracetop:secret@127.0.0.1:1/tracetop"])
        #expect(status != 0)
        let line = try #require(
            output.split(separator: "\n").first { $0.contains("cannot connect to PostgreSQL at 127.0.0.1:1") }, "\(output)")
        #expect(line.lowercased().contains("refused"), "\(line)")
        #expect(output.split(separator: "\n").count == 1, "\(output)")
    }
}

/// The test PostgreSQL server, from the environment.
enum TestPostgres {
    static var url: String? { ProcessInfo.processInfo.environment["TRACETOP_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }
    static var isWanted: Bool { url != nil || ProcessInfo.processInfo.environment["TRACETOP_REQUIRE_POSTGRES"] == "1" }

    static func server() throws -> PostgresLocation {
        guard let url else {
            throw StoreError("TRACETOP_REQUIRE_POSTGRES=1 but no test server: set TRACETOP_TEST_POSTGRES (scripts/test starts one)")
        }
        return try PostgresLocation(url: url)
    }

    /// Runs `body` with a database of its own, dropped after.
    static func withFreshDatabase<T: Sendable>(_ body: (PostgresLocation) async throws -> T) async throws -> T {
        let server = try server()
        let location = try await offThePool { try PostgresDatabases.createFresh(on: server) }
        defer { try? PostgresDatabases.drop(location, connectingTo: server) }
        return try await body(location)
    }
}

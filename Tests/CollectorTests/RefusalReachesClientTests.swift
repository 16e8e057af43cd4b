import Collector
import Foundation
import Testing

/// A request refused before its body is read (413 from Content-Length, 503 when the collector is full, 401
/// without the token) must reach every client quickly, including Python's urllib, which sends the whole body
/// before it reads and asks for `Connection: close` (it used to wait 30 s and get a broken pipe). The bodies are
/// 8 MiB, more than the loopback socket buffers hold, so a client the collector stops reading really blocks.
@Suite struct RefusalReachesClientTests {
    static let bodyBytes = 8 << 20

    struct Answer: Decodable {
        var status: Int
        var seconds: Double
        var body: String
        var error: String
    }

    /// `scripts/e2e/refused_post.py` with urllib (standard library: TRACETOP_PYTHON, the .venv or python3) or requests.
    static func post(client: String, url: String, headers: [String] = []) async throws -> Answer {
        let python = (try? PythonSDK.python) ?? "/usr/bin/python3"
        let script = Paths.packageRoot.appendingPathComponent("scripts/e2e/refused_post.py").path
        let arguments = [script, "--client", client, "--url", url, "--bytes", String(bodyBytes)] + headers.flatMap { ["--header", $0] }
        let run = try await offThePool { try TLSTests.run(python, arguments) }
        return try JSONDecoder().decode(Answer.self, from: Data(run.output.utf8))
    }

    /// curl: `--data-binary` from a file, with its own `Expect: 100-continue` behaviour.
    static func curl(url: String, headers: [String] = []) async throws -> (status: Int, seconds: Double, body: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(UUID().uuidString).json")
        try Data(repeating: 0x20, count: bodyBytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let started = Date()
        let run = try await offThePool {
            try TLSTests.run(
                "/usr/bin/curl",
                ["-sS", "--max-time", "30", "-H", "Content-Type: application/json"] + headers.flatMap { ["-H", $0] }
                    + ["--data-binary", "@" + file.path, "-w", "\n%{http_code}", url])
        }
        let lines = run.output.split(separator: "\n")
        return (Int(lines.last ?? "") ?? -1, Date().timeIntervalSince(started), lines.dropLast().joined(separator: "\n"))
    }

    static func expectQuick(_ answer: Answer, _ status: Int, _ message: String, _ context: String) {
        #expect(answer.error.isEmpty, "\(context): \(answer.error)")
        #expect(answer.status == status, "\(context): \(answer.status) \(answer.body)")
        #expect(answer.body.contains(message), "\(context): \(answer.body)")
        #expect(answer.seconds < 5, "\(context): took \(answer.seconds) s")
    }

    @Test(arguments: ["urllib", "requests"])
    func anOversizedBodyGets413Quickly(client: String) async throws {
        try await LiveCollector.with(configure: { $0.maxBodyBytes = 1 << 20 }) { collector in
            for path in ["/v1/traces", "/api/v2/spans"] {
                let answer = try await Self.post(client: client, url: collector.base + path)
                Self.expectQuick(answer, 413, "larger than the limit of 1048576 bytes", "\(client) \(path)")
            }
            let curl = try await Self.curl(url: collector.base + "/v1/traces")
            #expect(curl.status == 413)
            #expect(curl.body.contains("larger than the limit"))
            #expect(curl.seconds < 5)
        }
    }

    @Test(arguments: ["urllib", "requests"])
    func aMissingTokenGets401Quickly(client: String) async throws {
        try await LiveCollector.with(configure: { $0.access = AccessTokens(ingest: "secret", query: nil) }) { collector in
            let answer = try await Self.post(client: client, url: collector.base + "/v1/traces")
            Self.expectQuick(answer, 401, "authentication required", client)
            let curl = try await Self.curl(url: collector.base + "/v1/traces")
            #expect(curl.status == 401)
            #expect(curl.seconds < 5)
        }
    }

    /// One request holds the in-flight budget (its announced body never comes), so the next gets 503 at once.
    @Test(arguments: ["urllib", "requests"])
    func aFullCollectorAnswers503Quickly(client: String) async throws {
        try await LiveCollector.with(configure: {
            $0.maxQueuedBytes = 1 << 20; $0.maxBodyBytes = 16 << 20
        }) { collector in
            let holder = try RawConnection(port: collector.port)
            holder.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n{")
            try await Self.waitUntilBudgetIsHeld(collector)
            for path in ["/v1/traces", "/api/v2/spans"] {
                let answer = try await Self.post(client: client, url: collector.base + path)
                Self.expectQuick(answer, 503, "the collector is busy", "\(client) \(path)")
            }
            withExtendedLifetime(holder) {}
        }
    }

    /// Waits until the holder's headers have been read and its bytes admitted: under load that takes longer than
    /// any fixed pause. A small valid probe (200 kB) is admitted alone, but not beside the holder's 900 kB.
    static func waitUntilBudgetIsHeld(_ collector: LiveCollector) async throws {
        let probe = Data(("{}" + String(repeating: " ", count: 200_000)).utf8)
        let deadline = Date().addingTimeInterval(20)
        var last = 0
        while Date() < deadline {
            last = try await HTTP.post(collector.base + "/v1/traces", json: probe).status
            if last == 503 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the holder's announced body never took the in-flight budget (last probe answered \(last))")
    }

    /// A chunked body announces no length, so it is refused once it has grown past the limit: 413, not 400.
    @Test func aChunkedBodyOverTheLimitGets413() async throws {
        try await LiveCollector.with(configure: { $0.maxBodyBytes = 1 << 20 }) { collector in
            let answer = try await offThePool { () -> String? in
                let connection = try RawConnection(port: collector.port)
                connection.send(
                    "POST /v1/traces HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                )
                let chunk = "40000\r\n" + String(repeating: " ", count: 0x40000) + "\r\n"
                for _ in 0..<8 { connection.send(chunk) }
                connection.send("0\r\n\r\n")
                return connection.readAll()
            }
            #expect(answer?.hasPrefix("HTTP/1.1 413") == true, "\(answer ?? "nothing")")
            #expect(answer?.contains("larger than the limit of 1048576 bytes") == true)
        }
    }

    /// The discarding is bounded: a client that never stops sending is cut off once it has sent more than
    /// twice the body limit (at least 64 MiB), instead of being read forever.
    @Test func anEndlessBodyIsCutOff() async throws {
        try await LiveCollector.with(configure: { $0.maxBodyBytes = 1 << 20 }) { collector in
            let cutOff = try await offThePool { () -> Int in
                let connection = try RawConnection(port: collector.port)
                connection.send(
                    "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000000\r\n\r\n")
                let chunk = [UInt8](repeating: 0x20, count: 1 << 20)
                var sent = 0
                while sent < 1024, connection.send(chunk) { sent += 1 }
                return sent
            }
            #expect(cutOff < 200, "still reading after \(cutOff) MiB")
            #expect(cutOff >= 64)
        }
    }
}

import Collector
import Foundation
import Testing

/// Slow clients: headers or bodies trickled in are cut off, and many of them at once do not keep a normal
/// client out.
@Suite struct SlowClientTests {
    /// Sends `prefix`, then one byte of `trickle` every 200 ms until the server closes the connection or
    /// `limit` seconds pass. Returns the seconds until the close (nil if it never came) and what was answered.
    private static func trickle(port: Int, prefix: String, trickle: String, limit: Double) throws -> (Double?, String, closed: Bool) {
        let connection = try RawConnection(port: port, readTimeoutSeconds: 2)
        connection.send(prefix)
        let start = Date()
        for byte in trickle.utf8 {
            if connection.hasAnswered { break }
            if Date().timeIntervalSince(start) > limit { return (nil, "", false) }
            connection.send([byte])
            Thread.sleep(forTimeInterval: 0.2)
        }
        let answeredAfter = Date().timeIntervalSince(start)
        // What the server said, up to its close (or the 2 s read timeout if it never closes).
        let answer = connection.readAll() ?? ""
        let closed = connection.isClosedByPeer
        return (closed || !answer.isEmpty ? answeredAfter : nil, answer, closed)
    }

    @Test func tricklingHeadersAreCutOffAtTheIdleTimeout() async throws {
        try await LiveCollector.with(configure: { $0.idleTimeoutSeconds = 2 }) { live in
            let port = live.port
            let (closedAfter, _, _) = try await offThePool {
                try Self.trickle(
                    port: port, prefix: "POST /v1/traces HTTP/1.1\r\n", trickle: String(repeating: "X-Slow: yes\r\n", count: 20), limit: 15)
            }
            let seconds = try #require(closedAfter, "a client trickling headers was never cut off")
            #expect(seconds < 6, "cut off only after \(seconds) s")
        }
    }

    @Test func tricklingBodiesGetA408AndTheConnectionCloses() async throws {
        try await LiveCollector.with(configure: {
            $0.idleTimeoutSeconds = 30; $0.bodyTimeoutSeconds = 2
        }) { live in
            let port = live.port
            let head = "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            let (closedAfter, answer, closed) = try await offThePool {
                try Self.trickle(port: port, prefix: head, trickle: String(repeating: " ", count: 1000), limit: 15)
            }
            let seconds = try #require(closedAfter, "a client trickling its body was never cut off")
            #expect(seconds < 6, "cut off only after \(seconds) s")
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(200))")
            #expect(answer.contains("did not arrive within 2 seconds"))
            #expect(closed, "the connection stayed open after the 408")
        }
    }

    @Test func manySlowClientsDoNotKeepOthersOut() async throws {
        try await LiveCollector.with(configure: { $0.idleTimeoutSeconds = 3 }) { live in
            let port = live.port
            // 300 connections that send half a request line and nothing more.
            let idle = try await offThePool {
                try (0..<300).map { _ in
                    let connection = try RawConnection(port: port)
                    connection.send("POST /v1/tra")
                    return connection
                }
            }
            let started = Date()
            #expect(try await HTTP.get(live.base + "/api/services").status == 200)
            #expect(Date().timeIntervalSince(started) < 10)
            // And they are all gone after the idle timeout.
            try await Task.sleep(for: .seconds(5))
            let stillOpen = idle.filter { !$0.isClosedByPeer }.count
            #expect(stillOpen == 0, "\(stillOpen) slow connections still open")
        }
    }

    /// More slow connections than `--max-connections`, with the idle timeout far away: a well-behaved client is
    /// still answered at once, and the slow connections past the limit are closed, the longest-waiting first.
    /// Two waves, the second opened only once the collector has registered all of the first (it has closed 20 of
    /// them), so "older" is the same for the test and the collector however its event loops interleave.
    @Test func slowClientsPastTheConnectionLimitCannotKeepOthersOut() async throws {
        let limit = 40, firstWave = 60, secondWave = 40
        try await LiveCollector.with(configure: {
            $0.idleTimeoutSeconds = 120; $0.maxConnections = limit
        }) { live in
            let port = live.port
            let open: @Sendable () throws -> RawConnection = {
                let connection = try RawConnection(port: port)
                connection.send("POST /v1/traces HTTP/1.1\r\nX-Slow: ")
                return connection
            }
            let old = try await offThePool { try (0..<firstWave).map { _ in try open() } }
            let registered = await Self.eventually { old.filter(\.isClosedByPeer).count >= firstWave - limit }
            #expect(registered, "the first wave was not cut down to the limit: \(old.filter(\.isClosedByPeer).count) closed")
            let (new, answers, slowest) = try await offThePool {
                let new = try (0..<secondWave).map { _ in try open() }
                var answers: [String] = [], slowest = 0.0
                for _ in 0..<5 {
                    let started = Date()
                    let client = try RawConnection(port: port, readTimeoutSeconds: 10)
                    client.send("GET /api/services HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    answers.append(String((client.readAll() ?? "").prefix(12)))
                    slowest = max(slowest, Date().timeIntervalSince(started))
                }
                return (new, answers, slowest)
            }
            print(
                "connection limit \(limit), \(firstWave + secondWave) slow connections: slowest of 5 normal requests \(Int(slowest * 1000)) ms"
            )
            #expect(answers == Array(repeating: "HTTP/1.1 200", count: 5), "\(answers)")
            #expect(slowest < 5, "a normal request took \(slowest) s beside \(firstWave + secondWave) slow connections")
            // Every connection of the first wave waited longer than any of the second, so all of them make room.
            let oldGone = await Self.eventually { old.allSatisfy(\.isClosedByPeer) }
            let oldKept = old.indices.filter { !old[$0].isClosedByPeer }
            #expect(oldGone, "older slow connections outlived newer ones: \(oldKept)")
            let newOpen = new.filter { !$0.isClosedByPeer }.count
            print("slow connections still open: \(newOpen) of the second wave, \(oldKept.count) of the first")
            #expect(newOpen <= limit, "\(newOpen) slow connections open with a limit of \(limit)")
            #expect(newOpen >= limit - 5, "only \(newOpen) slow connections kept: more were closed than the limit needs")
        }
    }

    /// Polls `condition` for up to 20 s: how fast the collector acts depends on the machine's load.
    static func eventually(_ condition: @Sendable () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}

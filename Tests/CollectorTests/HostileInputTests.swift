import Collector
import Foundation
import Testing
import TraceModel
import TraceStore

/// The hostile-input corpus against the live server: every malformed or adversarial request gets a 4xx that
/// says what is wrong, or is stored exactly as sent; the server never crashes, hangs or answers 5xx.
@Suite(.serialized) struct HostileInputTests {
    /// A refusal must explain itself: a google.rpc.Status `message` or a Jaeger envelope `msg`.
    private static func expectClearRefusalOrSuccess(_ exchange: HTTPExchange, _ name: String) {
        #expect((200..<500).contains(exchange.status), "\(name): answered \(exchange.status) \(exchange.text.prefix(300))")
        if exchange.status >= 400 {
            let json = try? exchange.json() as? [String: Any]
            let message = (json?["message"] as? String) ?? ((json?["errors"] as? [[String: Any]])?.first?["msg"] as? String) ?? ""
            #expect(!message.isEmpty, "\(name): \(exchange.status) without a message: \(exchange.text.prefix(300))")
        }
    }

    private static func expectAlive(_ live: LiveCollector) async throws {
        #expect(try await HTTP.get(live.base + "/api/services").status == 200, "the collector stopped answering")
    }

    @Test func malformedTraceBodiesAreRefusedClearly() async throws {
        try await LiveCollector.with(configure: { $0.idleTimeoutSeconds = 2 }) { live in
            // The same bodies at every ingest endpoint: each decoder must refuse them clearly.
            for endpoint in ["/v1/traces", "/v1/logs", "/api/logs"] {
                for (name, body) in HostileRequests.malformedTraces {
                    let exchange = try await HTTP.post(live.base + endpoint, json: Data(body))
                    Self.expectClearRefusalOrSuccess(exchange, "\(endpoint): \(name)")
                }
            }
            // And as protobuf: JSON bytes are not a valid protobuf message (or decode to nothing).
            for (name, body) in HostileRequests.malformedTraces {
                let exchange = try await HTTP.send(
                    "POST", live.base + "/v1/traces", body: Data(body), headers: ["Content-Type": "application/x-protobuf"])
                #expect((200..<500).contains(exchange.status), "protobuf \(name): \(exchange.status)")
            }
            try await Self.expectAlive(live)
        }
    }

    @Test func hugeButLegalValuesAreStoredFaithfully() async throws {
        try await LiveCollector.with { live in
            let megabyte = String(repeating: "m", count: 1 << 20)
            let big = HostileRequests.traces(attributes: #"[{"key":"big","value":{"stringValue":"\#(megabyte)"}}]"#)
            #expect(try await HTTP.post(live.base + "/v1/traces", json: Data(big.utf8)).status == 200)
            let stored = try await live.store.trace(try #require(TraceID(hex: HostileRequests.traceID)))
            #expect(stored.first?.span.attributes.first?.value == .string(megabyte))

            let manyID = "0000000000000000000000000000a77e"
            let many = HostileRequests.traces(attributes: HostileRequests.manyAttributes(100_000), traceID: manyID)
            let answer = try await HTTP.post(live.base + "/v1/traces", json: Data(many.utf8))
            Self.expectClearRefusalOrSuccess(answer, "100k attributes")
            if answer.status == 200 {
                #expect(try await live.store.trace(try #require(TraceID(hex: manyID))).first?.span.attributes.count == 100_000)
            }
            let deep = HostileRequests.traces(
                attributes: HostileRequests.nestedKvlist(depth: 1000), traceID: "0000000000000000000000000000deeb")
            Self.expectClearRefusalOrSuccess(try await HTTP.post(live.base + "/v1/traces", json: Data(deep.utf8)), "1000-deep kvlist")
            // A trace holding those values still answers, in both shapes.
            #expect(try await HTTP.get(live.base + "/api/traces/\(manyID)").status < 500)
            #expect(try await HTTP.get(live.base + "/api/traces/\(manyID)?format=otlp").status < 500)
            try await Self.expectAlive(live)
        }
    }

    /// SQL metacharacters, NUL, terminal escapes and odd Unicode in service names, span names, attribute
    /// keys and values and log bodies come back exactly as sent; answers carry no raw control bytes.
    @Test(arguments: HostileRequests.faithfulStrings.indices)  // by index: a NUL in a test's name cuts the report short
    func adversarialStringsAreStoredFaithfully(_ index: Int) async throws {
        let text = HostileRequests.faithfulStrings[index]
        try await LiveCollector.with { live in
            let attributes = "[{\"key\":\(HostileRequests.quoted(text)),\"value\":{\"stringValue\":\(HostileRequests.quoted(text))}}]"
            let request = HostileRequests.traces(service: text, name: text, attributes: attributes)
            #expect(try await HTTP.post(live.base + "/v1/traces", json: Data(request.utf8)).status == 200)
            #expect(
                try await HTTP.post(live.base + "/v1/logs", json: Data(HostileRequests.logs(body: text, service: text).utf8)).status == 200)

            let traceID = try #require(TraceID(hex: HostileRequests.traceID))
            let span = try #require(try await live.store.trace(traceID).first)
            // Messages are escaped: a NUL in a test report cuts the report short.
            let shown = text.debugDescription
            #expect(span.span.name == text, "span name \(span.span.name.debugDescription) for \(shown)")
            #expect(span.serviceName == text, "service \(span.serviceName.debugDescription) for \(shown)")
            #expect(span.span.attributes == [KeyValue(text, .string(text))], "attributes for \(shown)")
            let logs = try await live.store.logs(LogQuery(service: text))
            #expect(
                logs.map { $0.entry.record.body } == [.string(text)],
                "log bodies \(logs.map { "\($0.entry.record.body)".debugDescription }) for \(shown)")

            // The same strings as query parameters: answered (200 or a clear 400), never a 5xx, and they match
            // only what they literally say.
            let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            for path in [
                "/api/traces?service=\(encoded)&lookback=100000h", "/api/trace-summaries?service=\(encoded)&operation=\(encoded)&start=0",
                "/api/logs?q=\(encoded)", "/api/logs?service=\(encoded)&correlationId=\(encoded)", "/api/operations?service=\(encoded)",
                "/api/services/\(encoded)/operations", "/api/correlations/\(encoded)",
                "/api/latency?service=\(encoded)&operation=\(encoded)",
                "/api/latency/histogram?service=\(encoded)&operation=\(encoded)", "/api/traces?tag=\(encoded)%3A\(encoded)&start=0",
                "/api/trace-summaries?tags=%7B\(HostileRequests.quoted(text).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")%3A%22x%22%7D"
            ] {
                let answer = try await HTTP.get(live.base + path)
                Self.expectClearRefusalOrSuccess(answer, path.debugDescription)
                #expect(
                    !answer.body.contains(0x1b) && !answer.body.contains(0) && !answer.body.contains(0x07),
                    "\(path): raw control bytes in the answer")
            }
            let search = try #require(try await HTTP.get(live.base + "/api/logs?q=\(encoded)").json() as? [String: Any])
            #expect(
                (search["data"] as? [Any])?.count == 1,
                "q= found \((search["data"] as? [Any])?.count ?? -1) logs for \(text.debugDescription)")
            let trace = try await HTTP.get(live.base + "/api/traces/\(HostileRequests.traceID)")
            let jaeger = try #require(try trace.json() as? [String: Any])
            let spans = try #require(((jaeger["data"] as? [[String: Any]])?.first?["spans"]) as? [[String: Any]])
            #expect(spans.first?["operationName"] as? String == text, "operationName for \(text.debugDescription)")
            #expect(try await live.store.statistics().spanCount == 1)
        }
    }

    @Test func likeWildcardsMatchOnlyThemselves() async throws {
        try await LiveCollector.with { live in
            for body in ["100% sure", "plain words", "under_score"] {
                #expect(try await HTTP.post(live.base + "/v1/logs", json: Data(HostileRequests.logs(body: body).utf8)).status == 200)
            }
            for (query, expected) in [("%25", 1), ("_", 1), ("%25%25", 0)] {
                let answer = try #require(try await HTTP.get(live.base + "/api/logs?q=\(query)").json() as? [String: Any])
                #expect((answer["data"] as? [Any])?.count == expected, "q=\(query)")
            }
        }
    }

    @Test func compressionBombsAndBadEncodingsAreRefused() async throws {
        try await LiveCollector.with(configure: { $0.maxBodyBytes = 8 << 20 }) { live in
            // 1 GB of zeros compresses to about 1 MB: it must stop at the body limit, not at memory's end.
            let bomb = try await offThePool { try Self.shell("head -c 1000000000 /dev/zero | gzip -1") }
            let exploded = try await HTTP.post(live.base + "/v1/traces", json: bomb, headers: ["Content-Encoding": "gzip"])
            #expect(exploded.status == 413, "gzip bomb: \(exploded.status) \(exploded.text.prefix(200))")
            Self.expectClearRefusalOrSuccess(exploded, "gzip bomb")
            let notGzip = try await HTTP.post(live.base + "/v1/traces", json: Data("not gzip".utf8), headers: ["Content-Encoding": "gzip"])
            #expect(notGzip.status == 400)
            Self.expectClearRefusalOrSuccess(notGzip, "corrupt gzip")
            let truncated = try await offThePool { try Self.shell("printf '%s' '\(HostileRequests.traces())' | gzip | head -c 40") }
            Self.expectClearRefusalOrSuccess(
                try await HTTP.post(live.base + "/v1/traces", json: truncated, headers: ["Content-Encoding": "gzip"]), "truncated gzip")
            let unknown = try await HTTP.post(
                live.base + "/v1/traces", json: Data(HostileRequests.traces().utf8), headers: ["Content-Encoding": "br"])
            #expect(unknown.status == 400)
            try await Self.expectAlive(live)
        }
    }

    @Test func wrongContentLengthsAreAnsweredOrTimedOut() async throws {
        try await LiveCollector.with(configure: { $0.idleTimeoutSeconds = 2 }) { live in
            let body = HostileRequests.traces()
            let port = live.port
            let answers = try await offThePool { () -> [String: String?] in
                var answers: [String: String?] = [:]
                // Shorter than the body: the server reads a truncated document (400) and the rest as garbage.
                let short = try RawConnection(port: port)
                short.send(
                    "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\nConnection: close\r\n\r\n\(body)"
                )
                answers["short"] = short.readAll()
                // Longer than the body: the server waits for bytes that never come, then closes the connection.
                let long = try RawConnection(port: port)
                long.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n\(body)")
                answers["long"] = long.readAll()
                for (name, value) in [("negative", "-5"), ("text", "abc"), ("two", "10, 20")] {
                    let bad = try RawConnection(port: port)
                    bad.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(value)\r\n\r\n{}")
                    answers[name] = bad.readAll()
                }
                return answers
            }
            #expect(answers["short"]??.hasPrefix("HTTP/1.1 400") == true, "\(String(describing: answers["short"]))")
            #expect(answers["long"]! != nil, "the connection with a too-long Content-Length was never closed")
            #expect(answers["long"]??.contains(" 5") != true, "\(String(describing: answers["long"]))")
            for name in ["negative", "text", "two"] {
                let answer = answers[name] ?? nil
                #expect(answer.map { $0.isEmpty || $0.hasPrefix("HTTP/1.1 4") } ?? false, "\(name): \(String(describing: answer))")
            }
            try await Self.expectAlive(live)
        }
    }

    private static func shell(_ command: String) throws -> Data {
        try SpawnedProcess.run("/bin/sh", ["-c", command]).output
    }
}

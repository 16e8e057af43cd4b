import Foundation
import Testing

/// #19 end to end on spans the real OpenTelemetry Python SDK made (`scripts/e2e/otel_sdk_shop.py`: four services,
/// one slow checkout with a retried 503), sent over OTLP/HTTP protobuf to a live collector, then every #19 key in
/// tracetop in tmux: the why-line and its column, `t`, `/` with `n`/`N`, `f`, `D` and `d`+Enter, the Map tab, `:w`
/// and the written file opened with `--file`. Each step checks what the screen says about those spans.
extension EndToEndTests {
    @Test(
        .enabled(
            if: binaries.missing == nil || ProcessInfo.processInfo.environment["TRACETOP_REQUIRE_E2E"] == "1",
            "needs built tracetop, tracetop-collector, tmux and the Python SDK (.venv or TRACETOP_PYTHON)"))
    func pythonSDKTracesThroughEveryTraceView() async throws {
        if let missing = Self.binaries.missing { Issue.record("cannot run: \(missing)"); return }
        guard let python = ShopScript.python else {
            Issue.record("cannot run: no Python with the OpenTelemetry SDK (run scripts/test or set TRACETOP_PYTHON)"); return
        }
        let (directory, collector, api) = try await Self.freshCollector()
        defer { try? FileManager.default.removeItem(at: directory) }
        defer { collector.terminate() }
        let shop = try ShopScript.run(python: python, endpoint: api)
        // Eight checkouts of five spans, four of them with a second charge attempt.
        #expect(shop.spans == 44, "the SDK made \(shop.spans) spans")
        let slow = shop.slowTraceId
        try await Self.waitUntil("the SDK's checkouts are queryable", timeout: 20) {
            let listed = (try? await Self.get(api + "/api/trace-summaries?lookback=1h&service=py-gateway")) ?? ""
            return shop.traceIds.allSatisfy(listed.contains)
        }

        let tmux = Tmux(binary: Self.binaries.tmux!)
        defer { tmux.killServer() }
        try tmux.start(width: 160, height: 45, command: "\(Self.binaries.tracetop!) --collector \(api); echo tracetop exited $?; sleep 5")
        try await tmux.waitFor("● connected", timeout: 30)  // a debug tracetop starting beside 400 other tests

        // The checkouts, slowest first, with the why-line column.
        try tmux.send(["/"])
        try tmux.send(["service=py-gateway", "Enter"])
        try await tmux.waitFor("filter: service=py-gateway")
        try tmux.send(["s"])
        try await tmux.waitFor("Duration▼")
        try tmux.send(["g", "w"])
        let column = try await tmux.waitFor("% in py-inventory reserve stock")
        #expect(column.contains("Why (w hides)"))
        #expect(
            column.split(separator: "\n").contains { $0.contains("469ms") && $0.contains("84% in py-inventory reserve stock") }, "\(column)"
        )

        // The slowest checkout: its why-line names the slow span, the SDK's exception, the retry and the 503.
        try tmux.send(["Enter"])
        let opened = try await tmux.waitFor("Span detail")
        let why = Self.whyLine(opened)
        #expect(opened.contains("trace " + slow))
        #expect(why.contains("84% in py-inventory reserve stock (394ms self)"), "\(opened)")
        #expect(why.contains("error in py-payments charge card: ConnectionError: payments upstream answered 503"))
        #expect(why.contains("2× py-payments charge card under create order (retries, 1 failed)"))
        #expect(why.contains("503 Unavailable at py-payments charge card"))

        // Statistics: the charge card operation twice, reserve stock holding most of the self time.
        try tmux.send(["t"])
        let statistics = try await tmux.waitFor("Self▼")
        let rows = statistics.split(separator: "\n").drop { !$0.contains("Self▼") }.dropFirst().filter { $0.contains("py-") }
        #expect(rows.first?.contains("py-inventory reserve stock") == true, "\(statistics)")
        let charge =
            rows.first { $0.contains("py-payments charge card") }.map { $0.replacingOccurrences(of: "py-payments charge card", with: "") }
            ?? ""
        #expect(charge.split(separator: " ").first == "2", "two charge attempts:\n\(statistics)")

        // Search: both charge attempts match; n and N walk between them.
        try tmux.send(["t", "/"])
        try tmux.send(["charge", "Enter"])
        try await tmux.waitFor("1/2 /charge (n/N, Esc clears)")
        try tmux.send(["n"])
        let second = try await tmux.waitFor("2/2 /charge")
        #expect(second.contains("http.request.resend_count"), "the second attempt's detail:\n\(second)")
        try tmux.send(["N"])
        let first = try await tmux.waitFor("1/2 /charge")
        #expect(
            first.contains("payments upstream answered 503") && !first.contains("http.request.resend_count"),
            "the first attempt's detail:\n\(first)")
        try tmux.send(["Escape"])

        // The flame graph from the root (g): the root at the top, the slow span below it; j, l and Enter zoom into it.
        try tmux.send(["g", "f"])
        let flame = try await tmux.waitFor("Flame graph · whole trace")
        #expect(flame.contains("py-gateway POST /api/checkout"))
        #expect(flame.contains("py-inventory reserve stock"))
        try tmux.send(["j", "l", "Enter"])
        let zoomed = try await tmux.waitFor("Flame graph · zoomed into")
        #expect(zoomed.contains("▶ py-inventory reserve stock  400ms"), "\(zoomed)")
        #expect(zoomed.contains("100% of the zoomed span"), "\(zoomed)")
        try tmux.send(["Escape", "f"])
        try await tmux.waitFor("Span detail")

        // Compare with the typical checkout: reserve stock is where the extra time went.
        try tmux.send(["D"])
        try await tmux.waitFor("vs typical (nearest p50", timeout: 15)
        try tmux.send(["s"])
        let sorted = try await tmux.waitFor("Diff▼", timeout: 15)
        let firstRow = sorted.split(separator: "\n").drop { !$0.contains("Diff▼") }.dropFirst().first.map(String.init) ?? ""
        #expect(firstRow.contains("py-gateway POST /api/checkout"), "the root differs most:\n\(sorted)")
        #expect(sorted.split(separator: "\n").contains { $0.contains("py-inventory reserve stock") && $0.contains("+380ms") }, "\(sorted)")
        try tmux.send(["D"])
        try await tmux.waitFor("Span detail")

        // :w writes the trace; q back to the list, where d then Enter compares two checkouts.
        let file = directory.appendingPathComponent("python-checkout.json").path
        try tmux.send([":"])
        try tmux.send(["w " + file, "Enter"])
        try await tmux.waitFor("wrote " + file)
        try tmux.send(["q"])
        try await tmux.waitFor("Why (w hides)")
        try tmux.send(["d"])
        try await tmux.waitFor("marked: ⏎ on another trace compares")
        try tmux.send(["j", "Enter"])
        let pair = try await tmux.waitFor("Diff", timeout: 15)
        #expect(pair.contains("vs " + slow.prefix(8) + "…"), "\(pair)")
        #expect(
            pair.split(separator: "\n").contains {
                $0.contains("py-inventory reserve stock") && $0.contains("400ms") && $0.contains("20ms")
            }, "\(pair)")
        try tmux.send(["q"])

        // The Map: the SDK's services and who calls whom, with the payments errors.
        try tmux.send(["Tab", "Tab", "Tab"])
        let map = try await tmux.waitFor("─▶ py-payments")
        #expect(map.contains("py-gateway") && map.contains("─▶ py-inventory") && map.contains("─▶ py-orders"))
        // 12 charge calls from orders to payments, 4 of them the failed first attempts.
        #expect(
            map.split(separator: "\n").contains { $0.contains("─▶ py-payments") && $0.contains("12") && $0.contains("33.3%") }, "\(map)")
        try tmux.send(["q"])
        try await tmux.waitFor("tracetop exited 0")

        // The file, without a collector: the same trace, the same why-line, no lookback.
        try tmux.respawn(
            command: "\(Self.binaries.tracetop!) --collector http://127.0.0.1:1 --file \(file); echo tracetop exited $?; sleep 5")
        let listed = try await tmux.waitFor("POST /api/checkout")
        #expect(listed.contains("file python-checkout.json · 1 traces, 6 spans"))
        #expect(!listed.contains("lookback"), "a file has no lookback:\n\(listed)")
        try tmux.send(["Enter"])
        let reopened = try await tmux.waitFor("Span detail")
        #expect(Self.whyLine(reopened) == why)
        try tmux.send(["q", "q"])
        try await tmux.waitFor("tracetop exited 0")
    }
}

extension EndToEndTests {
    /// The why-line's two rows (under the trace header) as one.
    static func whyLine(_ pane: String) -> String {
        let lines = pane.split(separator: "\n", omittingEmptySubsequences: false)
        guard let row = lines.firstIndex(where: { $0.hasPrefix("why ") }) else { return "" }
        return lines[row...].prefix(2).joined(separator: "\n")
    }
}

/// `scripts/e2e/otel_sdk_shop.py` run with the tests' Python (TRACETOP_PYTHON, else the package's .venv).
enum ShopScript {
    struct Report: Decodable {
        var slowTraceId: String
        var traceIds: [String]
        var spans: Int
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var python: String? {
        [ProcessInfo.processInfo.environment["TRACETOP_PYTHON"], packageRoot.appendingPathComponent(".venv/bin/python").path]
            .compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(python: String, endpoint: String) throws -> Report {
        let script = packageRoot.appendingPathComponent("scripts/e2e/otel_sdk_shop.py").path
        let output = try Subprocess.output(python, [script, "--endpoint", endpoint], environment: ProcessInfo.processInfo.environment)
        do { return try JSONDecoder().decode(Report.self, from: Data(output.utf8)) } catch {
            throw E2EError("otel_sdk_shop.py printed no report (\(error)): \(output)")
        }
    }
}

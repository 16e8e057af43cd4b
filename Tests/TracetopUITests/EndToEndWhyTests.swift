import Foundation
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// #19 end to end, on the demo shop's traffic: the slowest checkout's why-line, its statistics, a search,
/// the flame graph, the comparison with the typical checkout, `:w` to a file, and that file opened with
/// `tracetop --file` without a collector. In the serialized end-to-end suite (they share tmux's socket name).
extension EndToEndTests {
    @Test(
        .enabled(
            if: binaries.missing == nil || ProcessInfo.processInfo.environment["TRACETOP_REQUIRE_E2E"] == "1",
            "needs built tracetop, tracetop-collector, tracetop-demo and tmux"))
    func slowCheckoutExplainedComparedAndShared() async throws {
        if let missing = Self.binaries.missing { Issue.record("cannot run: \(missing)"); return }
        let demo = URL(fileURLWithPath: Self.binaries.tracetop!).deletingLastPathComponent().appendingPathComponent("tracetop-demo").path
        guard FileManager.default.isExecutableFile(atPath: demo) else {
            Issue.record("cannot run: tracetop-demo is not built beside tracetop"); return
        }
        let (directory, collector, api) = try await Self.freshCollector()
        defer { try? FileManager.default.removeItem(at: directory) }
        defer { collector.terminate() }
        // The shop at a fast rate: a few hundred requests with the default seed (retries, open breakers, sagas). All
        // over HTTP: this collector's gRPC port is a random one, and the demo's gRPC path has its own test.
        let sent = try Subprocess.start(
            demo, ["--collector", api, "--grpc-collector", "off", "--rate", "200", "--traces", "300"],
            environment: ProcessInfo.processInfo.environment
        ).wait()
        #expect(sent == 0)
        try await Self.waitUntil("checkouts are queryable", timeout: 20) {
            (try? await Self.get(api + "/api/trace-summaries?lookback=1h&operation=POST%20/api/checkout&service=gateway"))?.contains(
                "POST /api/checkout") == true
        }

        let tmux = Tmux(binary: Self.binaries.tmux!)
        defer { tmux.killServer() }
        try tmux.start(width: 160, height: 45, command: "\(Self.binaries.tracetop!) --collector \(api); echo tracetop exited $?; sleep 5")
        try await tmux.waitFor("● connected", timeout: 30)  // a debug tracetop starting beside 400 other tests
        // The map: who calls whom; Enter on the first service lists its slowest traces.
        try tmux.send(["Tab", "Tab", "Tab"])
        let map = try await tmux.waitFor("─▶ orders")
        #expect(map.contains("Service map · last 1h"))
        try tmux.send(["Enter"])
        try await tmux.waitFor("Slowest gateway")
        try tmux.send(["q", "Tab"])
        try await tmux.waitFor("[Traces]")
        // The slowest checkouts, with the why-line column.
        try tmux.send(["/"])
        try tmux.send(["service=gateway op=\"POST /api/checkout\"", "Enter"])
        try await tmux.waitFor("filter: service=gateway")
        try tmux.send(["s"])
        try await tmux.waitFor("Duration▼")
        try tmux.send(["g", "w"])
        try await tmux.waitFor("Why (w hides)")
        try await tmux.waitFor("% in ")

        try tmux.send(["Enter"])
        let opened = try await tmux.waitFor("Span detail")
        let whyLine = Self.whyLine(opened)
        #expect(!whyLine.isEmpty, "the trace header has a why-line:\n\(opened)")

        try tmux.send(["t"])
        let statistics = try await tmux.waitFor("Self▼")
        #expect(statistics.contains("gateway POST /api/checkout"))
        try tmux.send(["t", "/"])
        try tmux.send(["charge", "Enter"])
        try await tmux.waitFor("/charge (n/N, Esc clears)")
        try tmux.send(["n", "Escape", "f"])
        try await tmux.waitFor("Flame graph · whole trace")
        try tmux.send(["j", "Enter"])
        try await tmux.waitFor("Flame graph · zoomed into")
        try tmux.send(["Escape", "f"])
        try await tmux.waitFor("Span detail")

        try tmux.send(["D"])
        let compared = try await tmux.waitFor("Baseline", timeout: 15)
        #expect(compared.contains("vs typical (nearest p50"))
        try tmux.send(["s"])
        try await tmux.waitFor("by largest difference")
        try tmux.send(["D"])

        let file = directory.appendingPathComponent("slow-checkout.json").path
        try tmux.send([":"])
        try tmux.send(["w " + file, "Enter"])
        try await tmux.waitFor("wrote " + file)
        try tmux.send(["q", "q", "q"])
        try await tmux.waitFor("tracetop exited 0")

        // A colleague opens the file: no collector needed.
        try tmux.respawn(
            command: "\(Self.binaries.tracetop!) --collector http://127.0.0.1:1 --file \(file); echo tracetop exited $?; sleep 5")
        let listed = try await tmux.waitFor("POST /api/checkout")
        #expect(listed.contains("file slow-checkout.json · 1 traces"))
        try tmux.send(["Enter"])
        let reopened = try await tmux.waitFor("Span detail")
        #expect(Self.whyLine(reopened) == whyLine)
        try tmux.send(["q", "q"])
        try await tmux.waitFor("tracetop exited 0")
    }
}

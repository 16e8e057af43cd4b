import Foundation
import TraceModel
import TracetopUI
import WireCodecs

/// tracetop's figures. A big trace from the demo's spans is posted to the collector and fetched once, as
/// tracetop asks for it (`GET /api/traces/{id}?format=otlp`, OTLP JSON). Then, in process, each run times what tracetop
/// does once the answer's bytes have arrived: the client's decoding (`CollectorClient.decode`, the code
/// `send` runs), the state update, and drawing the first frame into the in-memory screen. Writing that screen
/// to the terminal (curses) is left out: it costs the same whatever the trace. After the first frame, each
/// waterfall scrolling key is timed the same way (update and redraw).
struct TracetopFrameBenchmark {
    static let traceID = TraceID(high: 0x7ace_70b0_0000_0001, low: 0x1000_0005_ba4_0001)
    /// A big terminal: more rows and columns to draw than the usual 80×24.
    static let width = 200, height = 60
    /// Scrolling the waterfall: line by line, by page, to the end and back.
    static let keys: [Key] = [
        .character("j"), .character("j"), .pageDown, .pageDown, .character("k"), .pageUp, .character("G"), .character("g")
    ]

    struct Result {
        var spans: Int
        var bytes: Int
        var firstFrameMillis: Double
        /// The same first frames in this thread's CPU time (what they cost on an idle core).
        var firstFrameCPUMillis: Double
        /// The decoding part of the first frame (median over the same runs).
        var decodeMillis: Double
        var keyMillis: Double
        var slowestKeyMillis: Double
        var runs: Int
        /// One fetch through tracetop's own client (AsyncHTTPClient): HTTP and decoding, for the notes.
        var clientFetchMillis: Double
        /// Statistics, flame graph, search and compare on the same trace.
        var views: [TracetopViewBenchmark.Figure] = []
    }

    let client: LoopbackHTTPClient
    let port: Int
    let runs: Int

    func measure(workload: Workload) async throws -> Result {
        let count = min(10_000, workload.spanCount)
        let posted = try client.post(
            "/v1/traces", contentType: "application/json",
            body: OTLPJSON.encode(workload.bigTrace(count: count, id: Self.traceID)))
        guard posted.status == 200 else { throw BenchFailure("posting the \(count)-span trace answered \(posted.status)") }

        let request = APIRequest.trace(id: Self.traceID.hex)
        let collector = CollectorClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: nil, timeout: 60)
        let url = collector.url(for: request)
        let answer = try client.get(url.path + (url.query.map { "?" + $0 } ?? ""))
        guard answer.status == 200 else { throw BenchFailure("\(url.path) answered \(answer.status)") }
        // The client hands the decoder the body as Data: converting is not part of what is timed.
        let body = Data(answer.body)

        // tracetop's own client, once: it must see the same trace as the bytes timed below.
        let fetchStarted = ContinuousClock.now
        let fetched = await collector.send(request)
        let clientFetchMillis = (ContinuousClock.now - fetchStarted).seconds * 1000
        guard case .success(.trace(let viaClient)) = fetched else {
            throw BenchFailure("tracetop's client could not fetch the trace: \(fetched)")
        }
        guard case .success(.trace(let viaBytes)) = CollectorClient.decode(request, status: 200, body: body, path: url.path),
            viaBytes == viaClient
        else {
            throw BenchFailure("the trace decoded from the raw answer differs from the one tracetop's client fetched")
        }

        var frames: [Double] = [], cpuFrames: [Double] = [], decodes: [Double] = [], keyTimes: [Double] = []
        for _ in 0..<runs {
            var state = Self.stateWaitingForTrace(request)
            let started = ContinuousClock.now, cpuStarted = ThreadCPUTime.millis()
            let payload = CollectorClient.decode(request, status: 200, body: body, path: url.path)
            let decoded = ContinuousClock.now
            _ = state.apply(.response(request, payload))
            let screen = Renderer.render(state)
            frames.append((ContinuousClock.now - started).seconds * 1000)
            cpuFrames.append(ThreadCPUTime.millis() - cpuStarted)
            decodes.append((decoded - started).seconds * 1000)
            guard screen.text.contains("\(viaBytes.spans.count) spans") else {
                throw BenchFailure("tracetop's first frame does not show the \(viaBytes.spans.count)-span trace:\n\(screen.text)")
            }
            for key in Self.keys {
                let keyStarted = ContinuousClock.now
                _ = state.apply(.key(key))
                _ = Renderer.render(state)
                keyTimes.append((ContinuousClock.now - keyStarted).seconds * 1000)
            }
        }
        let views = TracetopViewBenchmark(trace: viaBytes, runs: runs) { trace in
            var state = Self.stateWaitingForTrace(request)
            _ = state.apply(.response(request, .success(.trace(trace))))
            return state
        }.measure()
        return Result(
            spans: viaBytes.spans.count, bytes: body.count, firstFrameMillis: Statistics.median(frames),
            firstFrameCPUMillis: Statistics.median(cpuFrames),
            decodeMillis: Statistics.median(decodes), keyMillis: Statistics.median(keyTimes),
            slowestKeyMillis: keyTimes.max() ?? .nan, runs: runs, clientFetchMillis: clientFetchMillis, views: views)
    }

    /// A state that has asked for the trace (`:trace <id>`), as tracetop is while the answer travels.
    private static func stateWaitingForTrace(_ request: APIRequest) -> AppState {
        var state = AppState(width: width, height: height, collectorLabel: "tracetop-bench")
        _ = state.start(now: UnixTime.nowMicroseconds())
        let command = ":trace \(traceID.hex)".map { Key.character($0) } + [.enter]
        for key in command { _ = state.apply(.key(key)) }
        return state
    }
}

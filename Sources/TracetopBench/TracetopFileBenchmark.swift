import Foundation
import TraceModel
import TracetopAPI
import TracetopUI

/// `tracetop --file` on a 100,000-span OTLP JSON file (#19: ≤ 2 s): the demo's spans written as the OpenTelemetry
/// Collector's file exporter does (one `ExportTraceServiceRequest` per line) into the run's directory. Each run
/// times what `tracetop --file` does from its start to its first frame: reading and decoding the file and
/// indexing its traces (`OfflineFile.load`), the state's first requests answered from the file as the run loop
/// does, and drawing the trace list into the in-memory screen (writing it to the terminal is left out, as for the
/// other tracetop figures). Then opening the longest trace (Enter) is timed the same way.
struct TracetopFileBenchmark {
    static let targetSpans = 100_000

    struct Result {
        var spans: Int
        var traces: Int
        var bytes: Int
        var firstFrameMillis: Double
        /// The same in this thread's CPU time.
        var firstFrameCPUMillis: Double
        /// The reading part (`OfflineFile.load`), median over the same runs.
        var loadMillis: Double
        var openTraceMillis: Double
        var runs: Int
    }

    let workload: Workload
    let directory: String
    let runs: Int
    /// `targetSpans`, fewer with `--quick`.
    let spans: Int

    func measure() throws -> Result {
        let path = directory + "/tracetop-file-bench.otlp.jsonl"
        let (bytes, written) = try writeFile(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var frames: [Double] = [], cpuFrames: [Double] = [], loads: [Double] = [], opens: [Double] = []
        var traces = 0
        for _ in 0..<runs {
            let started = ContinuousClock.now, cpuStarted = ThreadCPUTime.millis()
            let offline: OfflineTraces
            do { offline = try OfflineFile.load(path: path) } catch { throw BenchFailure("tracetop --file: \(error.description)") }
            let loaded = ContinuousClock.now
            let name = URL(fileURLWithPath: path).lastPathComponent
            var state = AppState(
                width: TracetopFrameBenchmark.width, height: TracetopFrameBenchmark.height,
                collectorLabel: "file \(name)", source: .file(name: name))
            Self.answer(state.start(now: Int64(Clock.nowUnixNano() / 1000)), from: offline, into: &state)
            let screen = Renderer.render(state)
            frames.append((ContinuousClock.now - started).seconds * 1000)
            cpuFrames.append(ThreadCPUTime.millis() - cpuStarted)
            loads.append((loaded - started).seconds * 1000)
            let text = screen.text
            guard offline.spanCount == written,
                offline.summaries.contains(where: { !$0.rootOperation.isEmpty && text.contains($0.rootOperation) })
            else {
                throw BenchFailure("tracetop --file read \(offline.spanCount) of \(written) spans; its first frame:\n\(text)")
            }
            traces = offline.traces.count
            // The longest trace first (sorted by duration), then Enter.
            let openStarted = ContinuousClock.now
            Self.answer(state.apply(.key(.character("s"))), from: offline, into: &state)
            Self.answer(state.apply(.key(.enter)), from: offline, into: &state)
            let opened = Renderer.render(state)
            opens.append((ContinuousClock.now - openStarted).seconds * 1000)
            guard opened.text.contains(" spans · ") else { throw BenchFailure("tracetop --file did not open a trace:\n\(opened.text)") }
        }
        return Result(
            spans: written, traces: traces, bytes: bytes, firstFrameMillis: Statistics.median(frames),
            firstFrameCPUMillis: Statistics.median(cpuFrames),
            loadMillis: Statistics.median(loads), openTraceMillis: Statistics.median(opens), runs: runs)
    }

    /// The run loop's part: each fetch answered from the file, until no more are asked for.
    private static func answer(_ effects: [Effect], from offline: OfflineTraces, into state: inout AppState) {
        var pending = effects
        while !pending.isEmpty {
            var next: [Effect] = []
            for case .fetch(let request) in pending { next += state.apply(.response(request, offline.answer(request))) }
            pending = next
        }
    }

    /// The workload's export requests, one per line, repeated under new trace ids until the file holds `spans`.
    private func writeFile(to path: String) throws -> (bytes: Int, spans: Int) {
        var lines: [UInt8] = []
        var written = 0, round: UInt64 = 0
        while written < spans {
            for var data in workload.traces where written < spans {
                for resource in data.resourceSpans.indices {
                    for scope in data.resourceSpans[resource].scopeSpans.indices {
                        var batch = Array(data.resourceSpans[resource].scopeSpans[scope].spans.prefix(spans - written))
                        for index in batch.indices {
                            let id = batch[index].traceID
                            batch[index].traceID = TraceID(high: id.high ^ (round << 48), low: id.low)
                        }
                        written += batch.count
                        data.resourceSpans[resource].scopeSpans[scope].spans = batch
                    }
                }
                lines += OTLPJSON.encode(data)
                lines.append(UInt8(ascii: "\n"))
            }
            round += 1
        }
        try Data(lines).write(to: URL(fileURLWithPath: path))
        return (lines.count, written)
    }
}

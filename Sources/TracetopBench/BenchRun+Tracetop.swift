import Foundation

/// tracetop's rows of the table (measured by `TracetopFrameBenchmark` while the collector ran).
extension BenchRun {
    mutating func measureTracetopFile() throws {
        let spans = options.quick ? 5_000 : TracetopFileBenchmark.targetSpans
        progress("tracetop --file: a \(spans)-span OTLP JSON file, from start to the first frame…")
        tracetopFile = try TracetopFileBenchmark(workload: workload, directory: directory, runs: options.runs, spans: spans).measure()
    }

    private mutating func reportTracetopFile() {
        guard let file = tracetopFile else { return }
        progress(
            String(
                format:
                    "tracetop --file: first frame %.0f ms (%.0f ms CPU; reading %.0f ms), opening the longest trace %.1f ms, median of %d runs",
                file.firstFrameMillis, file.firstFrameCPUMillis, file.loadMillis, file.openTraceMillis, file.runs))
        table.add(
            "tracetop --file, \(file.spans)-span OTLP JSON file (\(file.traces) traces): start → first frame", file.firstFrameMillis,
            unit: "ms", goal: .atMost(2000),
            limit: String(
                format: "of which reading %.1f MB %.0f ms; CPU time %.0f ms; opening its longest trace %.1f ms",
                Double(file.bytes) / 1_048_576, file.loadMillis, file.firstFrameCPUMillis, file.openTraceMillis))
    }

    mutating func reportTracetop() {
        reportTracetopFile()
        guard let result = tracetop else {
            table.notMeasured(
                "tracetop first frame, 10,000-span trace", target: "≤ 100 ms", why: "the collector phase did not run or finish")
            table.notMeasured("tracetop keypress redraw", target: "≤ 16 ms", why: "the collector phase did not run or finish")
            return
        }
        let megabytes = Double(result.bytes) / 1_048_576
        progress(
            String(
                format:
                    "tracetop: first frame %.1f ms (%.1f ms CPU; reading the JSON %.1f ms), key redraw %.2f ms (slowest %.2f ms), median of %d runs",
                result.firstFrameMillis, result.firstFrameCPUMillis, result.decodeMillis, result.keyMillis, result.slowestKeyMillis,
                result.runs))
        table.add(
            "tracetop first frame, \(result.spans)-span trace (answer received → frame drawn)", result.firstFrameMillis, unit: "ms",
            goal: .atMost(100),
            limit: String(
                format: "of which reading %.1f MB of JSON %.1f ms; CPU time %.1f ms", megabytes, result.decodeMillis,
                result.firstFrameCPUMillis))
        table.add(
            "tracetop keypress redraw, scrolling that trace's waterfall", result.keyMillis, unit: "ms", goal: .atMost(16),
            limit: String(format: "slowest of %d keys %.2f ms", result.runs * TracetopFrameBenchmark.keys.count, result.slowestKeyMillis))
        for view in result.views {
            progress(
                "tracetop \(view.view): "
                    + String(
                        format: "first frame %.1f ms, key redraw %.2f ms (slowest %.2f ms)", view.firstFrameMillis, view.keyMillis,
                        view.slowestKeyMillis))
            table.add("tracetop \(view.view) first frame, same trace", view.firstFrameMillis, unit: "ms", goal: .atMost(100))
            table.add(
                "tracetop \(view.view) keypress redraw", view.keyMillis, unit: "ms", goal: .atMost(16),
                limit: String(format: "slowest of %d keys %.2f ms", view.keys, view.slowestKeyMillis))
        }
        notes.append(
            String(
                format: "tracetop: %d runs at %d×%d; one fetch through tracetop's own client (AsyncHTTPClient, HTTP included) took %.0f ms",
                result.runs, TracetopFrameBenchmark.width, TracetopFrameBenchmark.height, result.clientFetchMillis))
    }
}

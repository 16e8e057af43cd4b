import Foundation

/// tracetop's rows of the table (measured by `TracetopFrameBenchmark` while the collector ran).
extension BenchRun {
    mutating func reportTracetop() {
        guard let result = tracetop else {
            table.notMeasured("tracetop first frame, 10,000-span trace", target: "≤ 100 ms", why: "the collector phase did not run or finish")
            table.notMeasured("tracetop keypress redraw", target: "≤ 16 ms", why: "the collector phase did not run or finish")
            return
        }
        let megabytes = Double(result.bytes) / 1_048_576
        progress(String(format: "tracetop: first frame %.1f ms (reading the JSON %.1f ms), key redraw %.2f ms (slowest %.2f ms), median of %d runs",
                        result.firstFrameMillis, result.decodeMillis, result.keyMillis, result.slowestKeyMillis, result.runs))
        table.add("tracetop first frame, \(result.spans)-span trace (answer received → frame drawn)", result.firstFrameMillis, unit: "ms",
                  goal: .atMost(100), limit: String(format: "of which reading %.1f MB of JSON %.1f ms", megabytes, result.decodeMillis))
        table.add("tracetop keypress redraw, scrolling that trace's waterfall", result.keyMillis, unit: "ms", goal: .atMost(16),
                  limit: String(format: "slowest of %d keys %.2f ms", result.runs * TracetopFrameBenchmark.keys.count, result.slowestKeyMillis))
        for view in result.views {
            progress("tracetop \(view.view): " + String(format: "first frame %.1f ms, key redraw %.2f ms (slowest %.2f ms)", view.firstFrameMillis, view.keyMillis, view.slowestKeyMillis))
            table.add("tracetop \(view.view) first frame, same trace", view.firstFrameMillis, unit: "ms", goal: .atMost(100))
            table.add("tracetop \(view.view) keypress redraw", view.keyMillis, unit: "ms", goal: .atMost(16),
                      limit: String(format: "slowest of %d keys %.2f ms", view.keys, view.slowestKeyMillis))
        }
        notes.append(String(format: "tracetop: %d runs at %d×%d; one fetch through tracetop's own client (URLSession, HTTP included) took %.0f ms",
                            result.runs, TracetopFrameBenchmark.width, TracetopFrameBenchmark.height, result.clientFetchMillis))
    }
}

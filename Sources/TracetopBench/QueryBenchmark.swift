import Foundation

/// Query latency through the HTTP API: each query is answered once to warm up, then timed `runs` times (fewer,
/// but at least three, past a 15 s budget) on one keep-alive connection; the figure is the median in milliseconds.
struct QueryBenchmark {
    let client: LoopbackHTTPClient
    let runs: Int

    struct Result {
        var medianMillis: Double
        /// How many items the answer's `data` array held (a query that finds nothing proves nothing).
        var resultCount: Int
        var bytes: Int
    }

    func measure(_ pathAndQuery: String) throws -> Result {
        let first = try client.get(pathAndQuery)
        guard first.status == 200 else {
            throw LoopbackHTTPClient.Failure(
                description: "\(pathAndQuery) answered \(first.status): \(String(decoding: first.body.prefix(300), as: UTF8.self))")
        }
        var timings: [Double] = []
        // A slow query gets fewer runs (at least three) so the whole benchmark stays bounded.
        let budget = ContinuousClock.now + .seconds(15)
        while timings.count < runs && (timings.count < 3 || ContinuousClock.now < budget) {
            let started = ContinuousClock.now
            _ = try client.get(pathAndQuery)
            timings.append((ContinuousClock.now - started).seconds * 1000)
        }
        return Result(medianMillis: Statistics.median(timings), resultCount: Self.dataCount(first.body), bytes: first.body.count)
    }

    private static func dataCount(_ body: [UInt8]) -> Int {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return 0 }
        if let array = object["data"] as? [Any] {
            // A trace by id answers one trace: count its spans.
            if array.count == 1, let trace = array[0] as? [String: Any], let spans = trace["spans"] as? [Any] { return spans.count }
            return array.count
        }
        // A correlation answers its traces and logs.
        if let data = object["data"] as? [String: Any], let traces = data["traces"] as? [Any], let logs = data["logs"] as? [Any] {
            return traces.count + logs.count
        }
        return object["data"] == nil ? 0 : 1
    }

    /// Percent-encodes a query-string value.
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }
}

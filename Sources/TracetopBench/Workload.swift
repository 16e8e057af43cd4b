import DemoTraffic
import TraceModel
import WireCodecs

/// The requests the benchmark sends: the demo shop's span exports, generated once, encoded once, and replayed
/// in rounds. Each round rewrites trace ids and shifts times in place (`ReplayBody`), so a 10M-span database
/// holds distinct traces spread over the last day without the clients spending a core on simulation and encoding.
struct Workload: Sendable {
    /// Model values (for the decode figures and the 200-span trace).
    let traces: [TracesData]
    let bodies: [ReplayBody]
    let protobufBodies: [[UInt8]]
    /// Which correlation ids each round stamps, and the one it leaves shared by every round.
    let correlation: CorrelationStamp
    let spanCount: Int
    let jsonBytes: Int
    /// Rounds that tile the day; round r lands at `start + (r mod roundsPerDay) × roundNanos`, so however many
    /// rounds a run sends, every span falls in the last 24 hours.
    let roundsPerDay: Int
    let roundNanos: UInt64

    static let dayNanos: UInt64 = 86_400_000_000_000

    /// Exporters send full batches of `exportBatch` spans (512 is the OpenTelemetry SDKs' default
    /// `maxExportBatchSize`); their timer is long so batches fill even at the slow arrival rate a day needs.
    init(seed: UInt64, poolSpans: Int, databaseSpans: Int, exportBatch: Int, now: UInt64) {
        let configuration = ShopConfiguration(maxExportBatch: exportBatch, exportDelayNanos: 300_000_000_000)
        var pilot = ShopSimulator(seed: seed &+ 1, configuration: configuration)
        let pilotRequests = 200
        let pilotSpans = pilot.generate(count: pilotRequests, start: now, rate: 10).reduce(0) { $0 + $1.spanCount }
        let spansPerRequest = max(1.0, Double(pilotSpans) / Double(pilotRequests))
        let clientRequests = max(1, Int(Double(poolSpans) / spansPerRequest))
        roundsPerDay = max(1, Int((Double(databaseSpans) / Double(poolSpans)).rounded(.up)))
        roundNanos = Self.dayNanos / UInt64(roundsPerDay)
        let start = now - Self.dayNanos
        var simulator = ShopSimulator(seed: seed, configuration: configuration)
        let rate = Double(clientRequests) / (Double(roundNanos) / 1e9)
        var traces: [TracesData] = []
        for request in simulator.generate(count: clientRequests, start: start, rate: rate) {
            if case .traces(let data) = request.payload { traces.append(data) }
        }
        self.traces = traces
        let correlation = CorrelationStamp(traces: traces)
        self.correlation = correlation
        bodies = traces.map { ReplayBody(OTLPJSON.encode($0), correlation: correlation) }
        protobufBodies = traces.map { OTLPProtobuf.encode($0) }
        spanCount = traces.reduce(0) { $0 + $1.spanCount }
        jsonBytes = bodies.reduce(0) { $0 + $1.template.count }
    }

    func shift(round: Int) -> UInt64 { UInt64(round % roundsPerDay) * roundNanos }

    var averageSpanBytes: Double { Double(jsonBytes) / Double(max(1, spanCount)) }

    var allSpans: [(ResourceSpans, Span)] {
        traces.flatMap { data in
            data.resourceSpans.flatMap { resourceSpans in
                resourceSpans.scopeSpans.flatMap { $0.spans.map { (resourceSpans, $0) } }
            }
        }
    }

    var averageAttributes: Double {
        Double(allSpans.reduce(0) { $0 + $1.1.attributes.count }) / Double(max(1, spanCount))
    }

    /// A trace of `count` of the demo's spans under one new trace id, as a tree four wide (a big fan-out trace
    /// like a batch job's), for the trace-by-id figure.
    func bigTrace(count: Int, id: TraceID) -> TracesData {
        let picked = Array(allSpans.prefix(count))
        var spans = picked.map(\.1)
        for index in spans.indices {
            spans[index].traceID = id
            spans[index].parentSpanID = index == 0 ? nil : spans[(index - 1) / 4].spanID
            spans[index].links = []
        }
        var resourceSpans = picked[0].0
        resourceSpans.scopeSpans = [ScopeSpans(scope: resourceSpans.scopeSpans.first?.scope ?? InstrumentationScope(), spans: spans)]
        return TracesData(resourceSpans: [resourceSpans])
    }
}

import TraceModel
import WireCodecs

/// The simulated shop. A value: feed it arrival times and it returns the export requests its services'
/// SDKs would send, deterministically for a seed (same seed and times → same requests).
///
/// Typical use: `generate(count:start:rate:)` for fixtures and tests; `simulateRequest(at:)`,
/// `advance(to:)` and `finish()` for live traffic and benchmarks that stream.
package struct ShopSimulator: Sendable {
    package let configuration: ShopConfiguration
    var random: DemoRandom
    /// Billing's breaker in front of the payment provider.
    package internal(set) var breaker = CircuitBreaker()
    var provider: PaymentProvider
    var userBuckets: [TokenBucket]
    var botBucket = TokenBucket(capacity: 4, refillPerSecond: 1)
    var orderNumber = 100_000
    var spanQueues: [ExportQueue<Span>]
    var logQueues: [ExportQueue<LogRecord>]
    var lineQueues: [ExportQueue<LegacyLogLine>]
    /// Shoppers' retries of failed checkouts, played when the arrivals reach their time so that they do
    /// not run ahead of other requests (the breaker would see their outcomes too early). Bounded.
    var scheduledRetries: [ScheduledRetry] = []
    static let maxScheduledRetries = 1_000

    struct ScheduledRetry: Sendable {
        var time: UInt64
        var client: Client
        var correlationID: String
    }

    /// How many client requests reached the gateway (bot bursts included).
    package internal(set) var requestCount = 0

    static let userCount = 40

    package init(seed: UInt64, configuration: ShopConfiguration = ShopConfiguration()) {
        self.configuration = configuration
        random = DemoRandom(seed: seed)
        provider = PaymentProvider(random: &random)
        userBuckets = Array(repeating: TokenBucket(capacity: 20, refillPerSecond: 5), count: Self.userCount)
        let count = ShopService.allCases.count
        let batch = configuration.maxExportBatch
        let delay = configuration.exportDelayNanos
        spanQueues = Array(repeating: ExportQueue(maxBatch: batch, delay: delay), count: count)
        logQueues = Array(repeating: ExportQueue(maxBatch: batch, delay: delay), count: count)
        lineQueues = Array(repeating: ExportQueue(maxBatch: batch, delay: delay), count: count)
    }

    /// One client request arriving at the gateway at `time` (now and then with a scraper bot's burst
    /// beside it); returns the export requests that are due by then.
    package mutating func simulateRequest(at time: UInt64) -> [DemoRequest] {
        playRetries(until: time)
        let client = Client.user(random.below(Self.userCount))
        let (status, end, correlationID) = handleGatewayRequest(at: time, client: client)
        // A shopper whose checkout failed on our side tries again a little later with the same
        // X-Correlation-ID: one correlation id, two traces.
        if status == 503, random.chance(0.5), scheduledRetries.count < Self.maxScheduledRetries {
            scheduledRetries.append(
                ScheduledRetry(
                    time: end &+ .seconds(random.between(1, 3)), client: client,
                    correlationID: correlationID))
        }
        if random.chance(0.015) {
            var burstTime = time
            for _ in 0..<(6 + random.below(7)) {
                burstTime &+= .millis(random.between(20, 60))
                handleGatewayRequest(at: burstTime, client: .bot)
            }
        }
        return advance(to: time)
    }

    /// The export requests due at `now` (exporters flush on their timers even without new traffic).
    package mutating func advance(to now: UInt64) -> [DemoRequest] {
        var requests: [DemoRequest] = []
        for service in ShopService.allCases {
            let index = service.rawValue
            for batch in spanQueues[index].takeReady(now: now) { requests.append(Self.traces(batch, service)) }
            for batch in logQueues[index].takeReady(now: now) { requests.append(Self.logs(batch, service)) }
            for batch in lineQueues[index].takeReady(now: now) { requests.append(Self.lines(batch, service)) }
        }
        return requests
    }

    /// Everything still queued, as at a graceful shutdown.
    package mutating func finish() -> [DemoRequest] {
        playRetries(until: .max)
        var requests: [DemoRequest] = []
        for service in ShopService.allCases {
            let index = service.rawValue
            for batch in spanQueues[index].takeAll() { requests.append(Self.traces(batch, service)) }
            for batch in logQueues[index].takeAll() { requests.append(Self.logs(batch, service)) }
            for batch in lineQueues[index].takeAll() { requests.append(Self.lines(batch, service)) }
        }
        return requests
    }

    /// Plays the scheduled retries due by `time`, earliest first.
    private mutating func playRetries(until time: UInt64) {
        while let index = scheduledRetries.indices.min(by: { scheduledRetries[$0].time < scheduledRetries[$1].time }),
            scheduledRetries[index].time <= time
        {
            let retry = scheduledRetries.remove(at: index)
            handleGatewayRequest(at: retry.time, client: retry.client, retryOf: retry.correlationID)
        }
    }

    /// `count` client requests arriving as a Poisson process at `rate` per second from `start`
    /// (nanoseconds since the epoch), and every export request they cause, in the order they are sent.
    package mutating func generate(count: Int, start: UInt64, rate: Double = 10) -> [DemoRequest] {
        precondition(rate > 0, "rate must be positive")
        var requests: [DemoRequest] = []
        var time = start
        for _ in 0..<count {
            requests += simulateRequest(at: time)
            time &+= nextArrivalGap(rate: rate)
        }
        return requests + finish()
    }

    /// Nanoseconds until the next client request at `rate` per second (exponential gaps).
    package mutating func nextArrivalGap(rate: Double) -> UInt64 {
        .seconds(random.exponential(mean: 1 / rate))
    }

    private static func traces(_ spans: [Span], _ service: ShopService) -> DemoRequest {
        let scope = ScopeSpans(scope: service.scope, spans: spans)
        let data = TracesData(resourceSpans: [ResourceSpans(resource: service.resource, scopeSpans: [scope])])
        return DemoRequest(service: service, payload: .traces(data))
    }

    private static func logs(_ records: [LogRecord], _ service: ShopService) -> DemoRequest {
        let scope = ScopeLogs(scope: service.scope, logRecords: records)
        let data = LogsData(resourceLogs: [ResourceLogs(resource: service.resource, scopeLogs: [scope])])
        return DemoRequest(service: service, payload: .logs(data))
    }

    private static func lines(_ lines: [LegacyLogLine], _ service: ShopService) -> DemoRequest {
        var bytes: [UInt8] = []
        for line in lines { bytes += line.bytes }
        return DemoRequest(service: service, payload: .ndjson(bytes))
    }
}

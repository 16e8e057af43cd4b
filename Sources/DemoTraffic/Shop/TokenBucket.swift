/// The gateway's per-client rate limiter: a bucket of `capacity` tokens refilled at `refillPerSecond`;
/// a request finding it empty gets 429.
struct TokenBucket: Hashable, Sendable {
    let capacity: Double
    let refillPerSecond: Double
    private(set) var tokens: Double
    private var updatedAt: UInt64?

    init(capacity: Double, refillPerSecond: Double) {
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.tokens = capacity
    }

    /// Takes a token at `time` if there is one. Times before the last update (overlapping requests played
    /// in sequence) refill nothing.
    mutating func take(at time: UInt64) -> Bool {
        if let updatedAt, time > updatedAt {
            tokens = min(capacity, tokens + Double(time - updatedAt) / 1e9 * refillPerSecond)
        }
        updatedAt = max(updatedAt ?? time, time)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    var remaining: Int { Int(tokens) }
}

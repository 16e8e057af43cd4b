/// The external payment provider's health over time. It has outages (every call times out) separated by
/// healthy stretches; the first outage comes seconds after the first charge so a new user sees the breaker
/// story at once.
struct PaymentProvider: Sendable {
    /// Declined cards and transient 503s while healthy.
    static let declineChance = 0.04
    static let transientFailureChance = 0.06
    static let timeout = UInt64.millis(1200)

    /// Until the first call, the first outage's offsets from it; then absolute times.
    private var anchored = false
    private(set) var outageStart: UInt64
    private(set) var outageEnd: UInt64
    /// The outage before the current one: requests are played one after another although they overlap in
    /// time, so a call asking about a moment inside it can come after the schedule has moved on.
    private var previousOutage: Range<UInt64>?

    init(random: inout DemoRandom) {
        outageStart = .seconds(random.between(1, 3))
        outageEnd = outageStart &+ .seconds(random.between(4, 7))
    }

    /// Whether the provider is down at `time`; moves the schedule on once an outage is over.
    mutating func isDown(at time: UInt64, random: inout DemoRandom) -> Bool {
        if !anchored {
            anchored = true
            outageStart &+= time
            outageEnd &+= time
        }
        while time >= outageEnd {
            previousOutage = outageStart..<outageEnd
            outageStart = outageEnd &+ .seconds(random.between(25, 60))
            outageEnd = outageStart &+ .seconds(random.between(4, 8))
        }
        return time >= outageStart || previousOutage?.contains(time) == true
    }
}

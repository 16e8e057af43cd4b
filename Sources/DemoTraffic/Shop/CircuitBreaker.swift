/// The breaker between billing and its payment provider: it opens after `failureThreshold` consecutive
/// failures, answers every call while open with a fast fallback error, and after `openNanos` lets one
/// trial call through (half-open) whose outcome closes or re-opens it.
///
/// The simulator plays requests one after another although they overlap in time, so an outcome can arrive
/// with a time before the current state began, or after calls that later-started requests already made.
/// To keep the story in time order, the breaker opens no earlier than the latest call it let through, late
/// news is ignored, a call from before the opening is let through, and a call played late whose time falls
/// in a recent open period is refused: no call reaches the provider while it is open, and fast failures
/// happen only inside open periods.
package struct CircuitBreaker: Hashable, Sendable {
    package enum State: Hashable, Sendable {
        case closed(consecutiveFailures: Int)
        case open(since: UInt64, until: UInt64)
        case halfOpen(since: UInt64)

        /// The attribute value on spans (`circuit_breaker.state`).
        package var name: String {
            switch self {
            case .closed: return "closed"
            case .open: return "open"
            case .halfOpen: return "half_open"
            }
        }
    }

    package enum Decision: Hashable, Sendable {
        case allow(State)
        case rejectFast
    }

    package let failureThreshold: Int
    package let openNanos: UInt64
    package private(set) var state: State = .closed(consecutiveFailures: 0)
    /// The start of the latest call let through (see the type's comment).
    private var latestAdmitted: UInt64 = 0
    /// The last few open periods: a call played late whose time falls in one is still refused.
    private var recentOpenPeriods: [Range<UInt64>] = []
    private static let rememberedPeriods = 4

    package init(failureThreshold: Int = 4, openNanos: UInt64 = 4_000_000_000) {
        precondition(failureThreshold > 0, "a breaker needs a failure threshold of at least 1")
        self.failureThreshold = failureThreshold
        self.openNanos = openNanos
    }

    /// Whether a call at `time` may go to the provider. An open breaker whose time is up becomes half-open.
    package mutating func admit(at time: UInt64) -> Decision {
        if recentOpenPeriods.contains(where: { $0.contains(time) }) { return .rejectFast }
        switch state {
        case .closed, .halfOpen:
            latestAdmitted = max(latestAdmitted, time)
            return .allow(state)
        case .open(let since, let until):
            if time < since { return .allow(.closed(consecutiveFailures: 0)) }
            if time < until { return .rejectFast }
            state = .halfOpen(since: time)
            latestAdmitted = max(latestAdmitted, time)
            return .allow(state)
        }
    }

    /// Records a call's outcome. Returns true when this outcome opened the breaker.
    @discardableResult
    package mutating func record(success: Bool, at time: UInt64) -> Bool {
        switch state {
        case .closed(let failures):
            if success {
                state = .closed(consecutiveFailures: 0)
                return false
            }
            if failures + 1 >= failureThreshold {
                open(at: time)
                return true
            }
            state = .closed(consecutiveFailures: failures + 1)
            return false
        case .halfOpen(let since):
            guard time >= since else { return false }
            if success {
                state = .closed(consecutiveFailures: 0)
                return false
            }
            open(at: time)
            return true
        case .open:
            return false
        }
    }

    private mutating func open(at time: UInt64) {
        let since = max(time, latestAdmitted &+ 1)
        state = .open(since: since, until: since &+ openNanos)
        recentOpenPeriods.append(since..<(since &+ openNanos))
        if recentOpenPeriods.count > Self.rememberedPeriods { recentOpenPeriods.removeFirst() }
    }
}

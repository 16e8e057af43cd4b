import DemoTraffic
import Testing
import TraceModel

/// The circuit breaker between billing and the payment provider, as a value and as the spans show it.
@Suite struct BreakerStoryTests {
    let data = DemoDataset.standard

    /// Each time the breaker opened: [open since, open until).
    var openWindows: [(UInt64, UInt64)] {
        data.spans(named: "POST /v1/charges").compactMap { span in
            guard let event = span.events.first(where: { $0.name == "circuit_breaker.opened" }),
                let since = event.attributes[key: "circuit_breaker.open_since_unix_nano"]?.intValue,
                let until = event.attributes[key: "circuit_breaker.open_until_unix_nano"]?.intValue
            else { return nil }
            #expect(since >= Int64(event.timeUnixNano) && until > since)
            return (UInt64(since), UInt64(until))
        }
    }

    @Test func noProviderCallStartsWhileTheBreakerIsOpen() {
        let windows = openWindows
        #expect(!windows.isEmpty, "the payment provider's first outage should open the breaker")
        for call in data.spans(named: "POST /v1/charges") {
            for (since, until) in windows {
                #expect(
                    !(call.startTimeUnixNano >= since && call.startTimeUnixNano < until),
                    "provider call \(call.spanID) started while the breaker was open")
            }
        }
    }

    @Test func openBreakerFailsFastInsideItsWindow() throws {
        let fastFailures = data.spans(named: "circuit_breaker payment-provider")
        #expect(fastFailures.count >= 3)
        let windows = openWindows
        for failure in fastFailures {
            #expect(failure.isError)
            #expect(failure.attribute("circuit_breaker.state")?.stringValue == "open")
            #expect(failure.durationNanos < 1_000_000, "a fallback answers in well under a millisecond")
            #expect(windows.contains { failure.startTimeUnixNano >= $0.0 && failure.startTimeUnixNano < $0.1 })
        }
    }

    @Test func chargesFailFastWhileOpenAndSlowlyWhileTimingOut() throws {
        let charges = data.spans.filter { $0.service == "billing" && $0.span.name == "POST /charges" }.map(\.span)
        let children = Dictionary(grouping: data.spans.map(\.span), by: { $0.parentSpanID })
        // Charges the open breaker answered without any provider call, and charges that timed out.
        let open = charges.filter { charge in
            let names = children[charge.spanID, default: []].map(\.name)
            return names.contains("circuit_breaker payment-provider") && !names.contains("POST /v1/charges")
        }
        let timedOut = charges.filter { charge in
            charge.isError
                && children[charge.spanID, default: []].contains {
                    $0.attribute("error.type")?.stringValue == "java.net.SocketTimeoutException"
                }
        }
        #expect(open.count >= 3 && !timedOut.isEmpty)
        // Medians: now and then the charge's own database insert is one of the slow queries.
        func median(_ spans: [Span]) -> UInt64 { spans.map(\.durationNanos).sorted()[spans.count / 2] }
        #expect(median(open) < 20_000_000, "fast failures: a few milliseconds")
        #expect(median(timedOut) > 1_000_000_000, "timeouts: over a second")
        #expect(open.allSatisfy { $0.attribute("http.response.status_code")?.intValue == 503 })
    }

    @Test func breakerHalfOpensLater() {
        let trials = data.spans(named: "POST /v1/charges").filter { $0.attribute("circuit_breaker.state")?.stringValue == "half_open" }
        #expect(!trials.isEmpty)
        let windows = openWindows
        for trial in trials {
            #expect(windows.contains { trial.startTimeUnixNano >= $0.1 }, "a trial call comes after an open period")
        }
    }

    @Test func retriesBackOffBetweenAttempts() {
        let calls = data.spans(named: "POST /v1/charges")
        let retries = calls.filter { ($0.attribute("http.request.resend_count")?.intValue ?? 0) > 0 }
        #expect(!retries.isEmpty)
        for retry in retries {
            let earlier = calls.filter { $0.parentSpanID == retry.parentSpanID && $0.endTimeUnixNano <= retry.startTimeUnixNano }
            #expect(!earlier.isEmpty)
            if let previous = earlier.max(by: { $0.endTimeUnixNano < $1.endTimeUnixNano }) {
                #expect(retry.startTimeUnixNano - previous.endTimeUnixNano >= 50_000_000, "backoff of at least 50 ms")
            }
        }
    }

    // The state machine on its own.

    @Test func opensAfterConsecutiveFailuresOnly() {
        var breaker = CircuitBreaker(failureThreshold: 3, openNanos: 1_000)
        let outcomes: [(Bool, UInt64)] = [(false, 10), (false, 20), (true, 30), (false, 40), (false, 50), (false, 60)]
        var opened: [Bool] = []
        for (success, time) in outcomes { opened.append(breaker.record(success: success, at: time)) }
        #expect(opened == [false, false, false, false, false, true], "a success resets the count")
        #expect(breaker.state == .open(since: 60, until: 1_060))
    }

    @Test func rejectsWhileOpenThenHalfOpens() {
        var breaker = CircuitBreaker(failureThreshold: 1, openNanos: 1_000)
        breaker.record(success: false, at: 100)
        let whileOpen = breaker.admit(at: 500)
        let beforeOpening = breaker.admit(at: 50)
        let afterwards = breaker.admit(at: 1_100)
        #expect(whileOpen == .rejectFast)
        #expect(beforeOpening == .allow(.closed(consecutiveFailures: 0)), "a call from before it opened goes through")
        #expect(afterwards == .allow(.halfOpen(since: 1_100)))
        #expect(breaker.state == .halfOpen(since: 1_100))
    }

    @Test(arguments: [true, false])
    func halfOpenTrialDecides(success: Bool) {
        var breaker = CircuitBreaker(failureThreshold: 1, openNanos: 1_000)
        breaker.record(success: false, at: 0)
        _ = breaker.admit(at: 2_000)
        let reopened = breaker.record(success: success, at: 2_100)

        #expect(reopened == !success)
        #expect(breaker.state == (success ? .closed(consecutiveFailures: 0) : .open(since: 2_100, until: 3_100)))
    }

    @Test func aLateCallInsideAnEarlierOpenPeriodIsRefused() {
        var breaker = CircuitBreaker(failureThreshold: 1, openNanos: 1_000)
        breaker.record(success: false, at: 100)
        _ = breaker.admit(at: 1_200)
        breaker.record(success: true, at: 1_300)
        let late = breaker.admit(at: 600)
        let after = breaker.admit(at: 1_400)
        #expect(breaker.state == .closed(consecutiveFailures: 0))
        #expect(late == .rejectFast, "600 lies in the open period 100..<1100")
        #expect(after == .allow(.closed(consecutiveFailures: 0)))
    }

    @Test func lateNewsDoesNotChangeAnOpenBreaker() {
        var breaker = CircuitBreaker(failureThreshold: 1, openNanos: 1_000)
        breaker.record(success: false, at: 500)
        let lateSuccess = breaker.record(success: true, at: 400)
        let lateFailure = breaker.record(success: false, at: 450)
        #expect(!lateSuccess && !lateFailure)
        #expect(breaker.state == .open(since: 500, until: 1_500))
    }
}

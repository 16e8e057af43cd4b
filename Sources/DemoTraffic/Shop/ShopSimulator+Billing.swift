import TraceModel

/// `billing`: charges through the payment provider behind a circuit breaker, with retries and backoff;
/// refunds (the saga's compensation) go to an outbox when the provider cannot be reached.
extension ShopSimulator {
    static let maxChargeAttempts = 3
    static let providerName = "payment-provider"

    enum ProviderResult { case approved, declined, unavailable, timedOut }

    mutating func charge(_ hop: Hop, orderID: String, amount: Int64, start: Nanos) -> Reply {
        var time = query(
            hop, start: start, "INSERT", "payments",
            "INSERT INTO payments (order_id, amount_cents, status) VALUES ($1, $2, 'pending')")
        var attempt = 0
        var lastFailure: Failure?
        while attempt < Self.maxChargeAttempts {
            guard case .allow(let state) = breaker.admit(at: time) else {
                let end = failFast(hop, orderID: orderID, start: time)
                return Reply(
                    end: end, status: 503,
                    failure: Failure(
                        type: "CircuitOpen", message: "payment provider circuit open", stackTrace: nil))
            }
            attempt += 1
            let (result, end) = providerCall(
                hop, orderID: orderID, amount: amount, attempt: attempt,
                breakerState: state, start: time)
            time = end
            switch result {
            case .approved:
                time = query(hop, start: time, "UPDATE", "payments", "UPDATE payments SET status = 'captured' WHERE order_id = $1")
                log(hop, .info, "payment captured", at: time, [("order.id", orderID), ("amount_cents", String(amount))])
                return .ok(time, 201)
            case .declined:
                time = query(hop, start: time, "UPDATE", "payments", "UPDATE payments SET status = 'declined' WHERE order_id = $1")
                log(hop, .warn, "card declined", at: time, [("order.id", orderID)])
                return Reply(end: time, status: 402, failure: Failure(type: "CardDeclined", message: "card declined", stackTrace: nil))
            case .unavailable, .timedOut:
                let failure = Failure(
                    type: result == .timedOut ? "timeout" : "503",
                    message: result == .timedOut ? "payment provider timed out" : "payment provider unavailable",
                    stackTrace: nil)
                lastFailure = failure
                if attempt < Self.maxChargeAttempts {
                    let backoff = UInt64.millis(100 * Double(1 << (attempt - 1)) * random.between(0.8, 1.2))
                    log(
                        hop, .warn,
                        "charge attempt " + String(attempt) + " failed (" + failure.message + "); retrying in "
                            + String(backoff / 1_000_000) + " ms", at: time, [("order.id", orderID)])
                    time &+= backoff
                }
            }
        }
        time = query(hop, start: time, "UPDATE", "payments", "UPDATE payments SET status = 'failed' WHERE order_id = $1")
        log(hop, .error, "charge failed after " + String(attempt) + " attempts", at: time, [("order.id", orderID)])
        return Reply(end: time, status: 502, failure: lastFailure)
    }

    /// One call to the provider (a CLIENT span to an external host), its outcome fed to the breaker.
    private mutating func providerCall(
        _ hop: Hop, orderID: String, amount: Int64, attempt: Int,
        breakerState: CircuitBreaker.State, start: Nanos
    ) -> (ProviderResult, Nanos) {
        let down = provider.isDown(at: start, random: &random)
        let result: ProviderResult
        let duration: Nanos
        if down {
            result = .timedOut
            duration = PaymentProvider.timeout &+ .micros(random.between(0, 400))
        } else if random.chance(PaymentProvider.transientFailureChance) {
            result = .unavailable
            duration = .millis(random.between(15, 40))
        } else {
            result = random.chance(PaymentProvider.declineChance) ? .declined : .approved
            duration = Latency(medianMillis: 140, sigma: 0.5, tailChance: 0.02).sample(&random)
        }
        let end = start &+ duration
        // A declined card is the provider working correctly: only outages count against the breaker.
        let opened = breaker.record(success: result == .approved || result == .declined, at: end)
        var attributes = [
            KeyValue("http.request.method", .string("POST")),
            KeyValue("url.full", .string("https://api.payments.example/v1/charges")),
            KeyValue("server.address", .string("api.payments.example")),
            KeyValue("server.port", .int(443)),
            KeyValue("circuit_breaker.name", .string(Self.providerName)),
            KeyValue("circuit_breaker.state", .string(breakerState.name)),
            KeyValue("order.id", .string(orderID)),
            KeyValue("payment.amount_cents", .int(amount))
        ]
        if result != .timedOut {
            attributes.append(KeyValue("http.response.status_code", .int(result == .approved ? 200 : result == .declined ? 402 : 503)))
        }
        if attempt > 1 { attributes.append(KeyValue("http.request.resend_count", .int(Int64(attempt - 1)))) }
        var events: [SpanEvent] = []
        if opened, case .open(let since, let until) = breaker.state {
            events.append(
                SpanEvent(
                    timeUnixNano: end, name: "circuit_breaker.opened",
                    attributes: [
                        KeyValue("circuit_breaker.name", .string(Self.providerName)),
                        KeyValue("circuit_breaker.open_since_unix_nano", .int(Int64(since))),
                        KeyValue("circuit_breaker.open_until_unix_nano", .int(Int64(until)))
                    ]))
        }
        let failure: Failure?
        switch result {
        case .timedOut:
            failure = Failure(
                type: "java.net.SocketTimeoutException", message: "Read timed out after 1200ms", stackTrace: StackTraces.providerTimeout)
        case .unavailable:
            failure = Failure(
                type: "com.shop.billing.provider.ProviderException", message: "payment provider answered 503",
                stackTrace: StackTraces.providerUnavailable)
        case .declined: failure = Failure(type: "402", message: "card declined", stackTrace: nil)
        case .approved: failure = nil
        }
        let id = newSpanID()
        finishSpan(
            id, in: hop, parent: hop.spanID, name: "POST /v1/charges", kind: .client, start: start, end: end,
            attributes: attributes, failure: failure, events: events)
        if opened {
            log(
                hop.under(id), .error,
                "circuit breaker " + Self.providerName + " opened after "
                    + String(breaker.failureThreshold) + " consecutive failures", at: end)
        }
        return (result, end)
    }

    /// The breaker's fallback while open: a fast error without touching the network.
    private mutating func failFast(_ hop: Hop, orderID: String, start: Nanos) -> Nanos {
        let end = start &+ .micros(random.between(15, 90))
        let id = newSpanID()
        finishSpan(
            id, in: hop, parent: hop.spanID, name: "circuit_breaker " + Self.providerName, kind: .internal,
            start: start, end: end,
            attributes: [
                KeyValue("circuit_breaker.name", .string(Self.providerName)),
                KeyValue("circuit_breaker.state", .string("open")),
                KeyValue("order.id", .string(orderID))
            ],
            failure: Failure(
                type: "CallNotPermittedException",
                message: "CircuitBreaker 'payment-provider' is OPEN", stackTrace: StackTraces.circuitOpen))
        log(hop.under(id), .warn, "payment provider circuit open; failing fast", at: end, [("order.id", orderID)])
        return end
    }

    /// Billing's `POST /refunds`: refunds through the provider, or queues the refund when it is unreachable.
    mutating func refund(_ hop: Hop, orderID: String, amount: Int64, start: Nanos) -> Reply {
        var time = query(
            hop, start: start, "INSERT", "refunds",
            "INSERT INTO refunds (order_id, amount_cents, status) VALUES ($1, $2, 'requested')")
        let reachable = !provider.isDown(at: time, random: &random)
        if reachable {
            let id = newSpanID()
            let end = time &+ Latency(medianMillis: 120, sigma: 0.4).sample(&random)
            finishSpan(
                id, in: hop, parent: hop.spanID, name: "POST /v1/refunds", kind: .client, start: time, end: end,
                attributes: [
                    KeyValue("http.request.method", .string("POST")),
                    KeyValue("url.full", .string("https://api.payments.example/v1/refunds")),
                    KeyValue("server.address", .string("api.payments.example")),
                    KeyValue("server.port", .int(443)),
                    KeyValue("http.response.status_code", .int(200)),
                    KeyValue("order.id", .string(orderID))
                ])
            time = end
            log(hop, .info, "payment refunded", at: time, [("order.id", orderID), ("amount_cents", String(amount))])
        } else {
            log(hop, .warn, "payment provider unreachable; refund queued in outbox", at: time, [("order.id", orderID)])
        }
        time = query(hop, start: time, "UPDATE", "refunds", "UPDATE refunds SET status = $2 WHERE order_id = $1")
        return .ok(time, reachable ? 200 : 202)
    }
}

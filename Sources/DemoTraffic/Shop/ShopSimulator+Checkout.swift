import TraceModel

/// `orders`' checkout: the saga orchestrator (reserve stock → charge → ship, compensating in reverse on
/// failure) and, when it completes, the `OrderPlaced` event.
extension ShopSimulator {
    mutating func checkout(_ hop: Hop, client: Client, start: Nanos) -> Reply {
        orderNumber += 1
        let orderID = "ord-" + String(orderNumber)
        let sku = "SKU-" + String(10_000 + random.below(250))
        let quantity = 1 + random.below(3)
        let amount = Int64(quantity) * Int64(499 + random.below(20_000))
        var time = query(
            hop, start: start, "INSERT", "orders",
            "INSERT INTO orders (id, user_id, status, total_cents) VALUES ($1, $2, 'pending', $3)")
        log(hop, .info, "checkout started", at: time, [("order.id", orderID), ("user.id", client.id)])

        var saga = CheckoutSaga()
        var failure: Failure?
        let sagaReply = internalSpan(
            hop, "saga checkout", start: time,
            attributes: [
                KeyValue("saga.name", .string("checkout")), KeyValue("order.id", .string(orderID))
            ]
        ) { shop, sagaHop, sagaStart in
            var t = sagaStart
            while let step = saga.nextStep {
                let reply = shop.runStep(step, sagaHop, orderID: orderID, sku: sku, quantity: quantity, amount: amount, start: t)
                t = reply.end
                if reply.status < 300 {
                    saga.succeeded(step)
                } else {
                    saga.failed(step)
                    failure = reply.failure ?? Self.statusFailure(reply.status)
                    shop.log(
                        sagaHop, .warn, "saga step " + step.rawValue + " failed; compensating", at: t,
                        [("order.id", orderID)])
                }
            }
            for compensation in saga.compensations {
                t =
                    shop.internalSpan(
                        sagaHop, "saga.compensate " + compensation.rawValue, start: t &+ .micros(50),
                        attributes: [
                            KeyValue("saga.compensation", .string(compensation.rawValue)), KeyValue("order.id", .string(orderID))
                        ]
                    ) { shop, compHop, compStart in
                        shop.compensate(compensation, compHop, orderID: orderID, sku: sku, amount: amount, start: compStart)
                    }.end
            }
            let outcome = saga.outcome == .completed ? "completed" : "compensated"
            return Reply(
                end: t, status: saga.outcome == .completed ? 201 : 500,
                failure: failure.map { Failure(type: "SagaAborted", message: "checkout " + outcome + ": " + $0.message, stackTrace: nil) })
        }
        time = sagaReply.end
        if saga.outcome == .completed {
            time = publishOrderPlaced(hop, orderID: orderID, sku: sku, start: time)
            time = query(hop, start: time, "UPDATE", "orders", "UPDATE orders SET status = 'placed' WHERE id = $1")
            log(hop, .info, "order placed", at: time, [("order.id", orderID)])
            return .ok(time, 201)
        }
        time = query(hop, start: time, "UPDATE", "orders", "UPDATE orders SET status = 'cancelled' WHERE id = $1")
        guard case .failed(let step) = saga.outcome, let failure else { return .ok(time, 201) }
        log(hop, .error, "checkout failed at " + step.rawValue + ": " + failure.message, at: time, [("order.id", orderID)])
        return Reply(end: time, status: Self.checkoutStatus(step, failure), failure: failure)
    }

    /// What the shop tells the customer: out of stock and declined cards are their business (4xx); the rest is ours.
    private static func checkoutStatus(_ step: CheckoutSaga.Step, _ failure: Failure) -> Int64 {
        switch (step, failure.type) {
        case (.reserveStock, _): return 409
        case (.charge, "CardDeclined"): return 402
        default: return 503
        }
    }

    private mutating func runStep(
        _ step: CheckoutSaga.Step, _ hop: Hop, orderID: String, sku: String,
        quantity: Int, amount: Int64, start: Nanos
    ) -> Reply {
        let attributes = [KeyValue("saga.step", .string(step.rawValue)), KeyValue("order.id", .string(orderID))]
        let stepID = newSpanID()
        let stepHop = hop.under(stepID)
        let reply: Reply
        switch step {
        case .reserveStock:
            reply = callGRPC(
                stepHop, to: .inventory, service: "inventory.InventoryService", method: "ReserveStock",
                start: start &+ .micros(30)
            ) { shop, next, t in
                shop.reserveStock(next, sku: sku, quantity: quantity, start: t)
            }
        case .charge:
            reply = callHTTP(
                stepHop, to: .billing, "POST", route: "/charges", path: "/charges",
                start: start &+ .micros(30)
            ) { shop, next, t in
                shop.charge(next, orderID: orderID, amount: amount, start: t)
            }
        case .ship:
            reply = callHTTP(
                stepHop, to: .shipping, "POST", route: "/shipments", path: "/shipments",
                start: start &+ .micros(30)
            ) { shop, next, t in
                shop.createShipment(next, orderID: orderID, start: t)
            }
        }
        let end = reply.end &+ .micros(20)
        let failure =
            reply.status < 300
            ? nil
            : Failure(
                type: "SagaStepFailed",
                message: "step " + step.rawValue + " failed: " + (reply.failure?.message ?? "HTTP " + String(reply.status)),
                stackTrace: StackTraces.sagaStep)
        finishSpan(
            stepID, in: hop, parent: hop.spanID, name: "saga.step " + step.rawValue, kind: .internal,
            start: start, end: end, attributes: attributes, failure: failure)
        return Reply(end: end, status: reply.status, failure: reply.failure)
    }

    private mutating func compensate(
        _ compensation: CheckoutSaga.Compensation, _ hop: Hop, orderID: String,
        sku: String, amount: Int64, start: Nanos
    ) -> Reply {
        log(hop, .warn, "compensating: " + compensation.rawValue, at: start, [("order.id", orderID)])
        switch compensation {
        case .refundPayment:
            return callHTTP(hop, to: .billing, "POST", route: "/refunds", path: "/refunds", start: start &+ .micros(20)) { shop, next, t in
                shop.refund(next, orderID: orderID, amount: amount, start: t)
            }
        case .releaseStock:
            return callGRPC(
                hop, to: .inventory, service: "inventory.InventoryService", method: "ReleaseStock",
                start: start &+ .micros(20)
            ) { shop, next, t in
                shop.releaseStock(next, sku: sku, start: t)
            }
        }
    }
}

import TraceModel

/// The read paths of `inventory`, `users`, `orders` and `shipping`, and the stock reservation the saga uses.
extension ShopSimulator {
    mutating func productLookup(_ hop: Hop, sku: String, start: Nanos) -> Reply {
        var time = query(
            hop, start: start, "SELECT", "products",
            "SELECT sku, name, price_cents, stock FROM products WHERE sku = ?")
        time &+= Latency(medianMillis: 0.8).sample(&random)
        log(hop, .debug, "product lookup", at: time, [("sku", sku)])
        return .ok(time)
    }

    mutating func userProfile(_ hop: Hop, client: Client, start: Nanos) -> Reply {
        let time = query(
            hop, start: start, "SELECT", "users",
            "SELECT id, email, display_name, tier FROM users WHERE id = $1")
        log(hop, .info, "profile served", at: time, [("user.id", client.id)])
        return .ok(time &+ Latency(medianMillis: 2).sample(&random))
    }

    mutating func orderLookup(_ hop: Hop, client: Client, start: Nanos) -> Reply {
        var time = query(
            hop, start: start, "SELECT", "orders",
            "SELECT o.id, o.status, i.sku, i.qty FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id = $1",
            median: 3, rows: Int64(1 + random.below(4)))
        time =
            callGRPC(hop, to: .users, service: "users.UserService", method: "GetUser", start: time) { shop, next, t in
                .ok(shop.query(next, start: t &+ .micros(40), "SELECT", "users", "SELECT id, email, display_name FROM users WHERE id = $1"))
            }.end
        log(hop, .info, "order viewed", at: time, [("user.id", client.id)])
        return .ok(time &+ Latency(medianMillis: 1).sample(&random))
    }

    mutating func shipmentLookup(_ hop: Hop, start: Nanos) -> Reply {
        let time = query(hop, start: start, "find", "shipments", #"{"find":"shipments","filter":{"_id":"?"}}"#, median: 2)
        if random.chance(0.04) {
            log(hop, .warn, "shipment not found", at: time)
            return Reply(end: time, status: 404, failure: nil)
        }
        log(hop, .info, "shipment status served", at: time)
        return .ok(time)
    }

    /// Inventory's `ReserveStock`: sometimes there is not enough stock (FAILED_PRECONDITION, no compensation).
    mutating func reserveStock(_ hop: Hop, sku: String, quantity: Int, start: Nanos) -> Reply {
        let time = query(
            hop, start: start, "UPDATE", "stock",
            "UPDATE stock SET reserved = reserved + ? WHERE sku = ? AND available - reserved >= ?", median: 2.5)
        if random.chance(0.05) {
            log(hop, .warn, "insufficient stock for " + sku, at: time, [("sku", sku), ("quantity", String(quantity))])
            return Reply(
                end: time, status: 409,
                failure: Failure(type: "OutOfStock", message: "insufficient stock for " + sku, stackTrace: nil))
        }
        log(hop, .info, "stock reserved", at: time, [("sku", sku), ("quantity", String(quantity))])
        return .ok(time)
    }

    /// Inventory's `ReleaseStock`, the compensation of a reservation.
    mutating func releaseStock(_ hop: Hop, sku: String, start: Nanos) -> Reply {
        let time = query(
            hop, start: start, "UPDATE", "stock",
            "UPDATE stock SET reserved = reserved - ? WHERE sku = ?", median: 2)
        log(hop, .info, "stock released", at: time, [("sku", sku)])
        return .ok(time)
    }

    /// Shipping's `POST /shipments`: books a label with the carrier, whose API sometimes fails.
    mutating func createShipment(_ hop: Hop, orderID: String, start: Nanos) -> Reply {
        var time = query(hop, start: start, "insert", "shipments", #"{"insert":"shipments","documents":["?"]}"#)
        let carrierID = newSpanID()
        let carrierStart = time
        let failed = random.chance(0.05)
        time &+= failed ? .millis(random.between(20, 60)) : Latency(medianMillis: 45, sigma: 0.6).sample(&random)
        let failure =
            failed
            ? Failure(
                type: "CarrierUnavailable", message: "carrier API responded 503",
                stackTrace: StackTraces.shipping) : nil
        finishSpan(
            carrierID, in: hop, parent: hop.spanID, name: "POST /v2/labels", kind: .client,
            start: carrierStart, end: time,
            attributes: [
                KeyValue("http.request.method", .string("POST")),
                KeyValue("url.full", .string("https://api.carrier.example/v2/labels")),
                KeyValue("server.address", .string("api.carrier.example")),
                KeyValue("server.port", .int(443)),
                KeyValue("http.response.status_code", .int(failed ? 503 : 201)),
                KeyValue("order.id", .string(orderID))
            ], failure: failure)
        if let failure {
            log(hop.under(carrierID), .error, "could not book label: " + failure.message, at: time, [("order_id", orderID)])
            return Reply(end: time, status: 503, failure: failure)
        }
        log(hop, .info, "shipment booked", at: time, [("order_id", orderID)])
        return .ok(time, 201)
    }
}

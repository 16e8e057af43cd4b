import TraceModel

/// Who sent a request: one of the shop's users, or the scraper bot whose bursts hit the rate limit.
enum Client: Sendable {
    case user(Int)
    case bot

    var id: String {
        switch self {
        case .user(let index): return "u-" + String(1000 + index)
        case .bot: return "scraper-bot"
        }
    }

    var address: String {
        switch self {
        case .user(let index): return "203.0.113." + String(10 + index)
        case .bot: return "198.51.100.7"
        }
    }
}

/// The API gateway: authenticates, rate-limits, stamps `X-Correlation-ID` and `traceparent`, routes.
extension ShopSimulator {
    enum Route: CaseIterable {
        case browseProduct, checkout, viewOrder, profile, trackShipment

        var method: String {
            self == .checkout ? "POST" : "GET"
        }

        var route: String {
            switch self {
            case .browseProduct: return "/api/products/{id}"
            case .checkout: return "/api/checkout"
            case .viewOrder: return "/api/orders/{id}"
            case .profile: return "/api/users/me"
            case .trackShipment: return "/api/shipments/{id}"
            }
        }
    }

    mutating func chooseRoute(for client: Client) -> Route {
        if case .bot = client { return .browseProduct }
        let roll = random.unit()
        switch roll {
        case ..<0.38: return .browseProduct
        case ..<0.70: return .checkout
        case ..<0.83: return .viewOrder
        case ..<0.93: return .profile
        default: return .trackShipment
        }
    }

    /// One request through the gateway; returns the status and end time the client saw. A `retryOf`
    /// correlation id makes it a client's retry: same route and `X-Correlation-ID`, new trace.
    @discardableResult
    mutating func handleGatewayRequest(at start: Nanos, client: Client, retryOf: String? = nil) -> (
        status: Int64, end: Nanos, correlationID: String
    ) {
        requestCount += 1
        let route = retryOf == nil ? chooseRoute(for: client) : .checkout
        let rootID = newSpanID()
        let hop = Hop(service: .gateway, traceID: newTraceID(), spanID: rootID, correlationID: retryOf ?? newCorrelationID())
        let sku = "SKU-" + String(10_000 + random.below(250))
        let path: String
        switch route {
        case .browseProduct: path = "/api/products/" + sku
        case .checkout: path = "/api/checkout"
        case .viewOrder: path = "/api/orders/ord-" + String(100_000 + random.below(max(orderNumber - 100_000, 1)))
        case .profile: path = "/api/users/me"
        case .trackShipment: path = "/api/shipments/shp-" + String(500_000 + random.below(5_000))
        }
        let reply = gatewayPipeline(hop, route: route, path: path, sku: sku, client: client, start: start &+ .micros(30))
        let end = reply.end &+ .micros(random.between(30, 150))
        var attributes = [
            KeyValue("http.request.method", .string(route.method)),
            KeyValue("http.route", .string(route.route)),
            KeyValue("url.path", .string(path)),
            KeyValue("url.scheme", .string("https")),
            KeyValue("http.response.status_code", .int(reply.status)),
            KeyValue("server.address", .string("shop.example.com")),
            KeyValue("client.address", .string(client.address)),
            KeyValue("user_agent.original", .string(Self.userAgent(client))),
            KeyValue("http.request.header.x-correlation-id", .array([.string(hop.correlationID)])),
            KeyValue("enduser.id", .string(client.id))
        ]
        if route == .checkout { attributes.append(KeyValue("shop.cart.items", .int(Int64(1 + random.below(4))))) }
        if retryOf != nil { attributes.append(KeyValue("http.request.resend_count", .int(1))) }
        let level: LogLevel = reply.status >= 500 ? .error : reply.status >= 400 ? .warn : .info
        log(
            hop, level,
            route.method + " " + path + " -> " + String(reply.status) + " in "
                + String((end - start) / 1_000_000) + " ms", at: end, [("client.id", client.id)])
        finishSpan(
            rootID, in: hop, parent: nil, name: route.method + " " + route.route, kind: .server,
            start: start, end: end, attributes: attributes,
            failure: reply.status >= 500 ? reply.failure ?? Self.statusFailure(reply.status) : nil)
        return (reply.status, end, hop.correlationID)
    }

    private static func userAgent(_ client: Client) -> String {
        if case .bot = client { return "python-requests/2.32.3" }
        return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
    }

    /// Auth, then rate limit, then the upstream call. Stops early with 401 or 429.
    private mutating func gatewayPipeline(
        _ hop: Hop, route: Route, path: String, sku: String, client: Client,
        start: Nanos
    ) -> Reply {
        let auth = internalSpan(
            hop, "auth.verify", start: start,
            attributes: [KeyValue("auth.scheme", .string("bearer"))]
        ) { shop, authHop, time in
            shop.verifyToken(authHop, client: client, start: time)
        }
        if auth.status != 200 { return auth }
        var allowed = true
        let limit = internalSpan(hop, "ratelimit.check", start: auth.end) { shop, limitHop, time in
            switch client {
            case .user(let index): allowed = shop.userBuckets[index].take(at: time)
            case .bot: allowed = shop.botBucket.take(at: time)
            }
            return .ok(time &+ .micros(shop.random.between(40, 160)))
        }
        guard allowed else {
            log(hop, .warn, "rate limit exceeded for client " + client.id, at: limit.end, [("client.id", client.id)])
            return Reply(end: limit.end, status: 429, failure: nil)
        }
        let upstreamStart = limit.end &+ .micros(20)
        switch route {
        case .browseProduct:
            return callHTTP(
                hop, to: .inventory, "GET", route: "/products/{sku}", path: "/products/" + sku,
                start: upstreamStart
            ) { shop, next, time in shop.productLookup(next, sku: sku, start: time) }
        case .checkout:
            return callHTTP(
                hop, to: .orders, "POST", route: "/checkout", path: "/checkout",
                start: upstreamStart
            ) { shop, next, time in shop.checkout(next, client: client, start: time) }
        case .viewOrder:
            let orderPath = String(path.dropFirst(4))
            return callHTTP(
                hop, to: .orders, "GET", route: "/orders/{id}", path: orderPath,
                start: upstreamStart
            ) { shop, next, time in shop.orderLookup(next, client: client, start: time) }
        case .profile:
            return callHTTP(
                hop, to: .users, "GET", route: "/users/{id}", path: "/users/" + client.id,
                start: upstreamStart
            ) { shop, next, time in shop.userProfile(next, client: client, start: time) }
        case .trackShipment:
            let shipmentPath = String(path.dropFirst(4))
            return callHTTP(
                hop, to: .shipping, "GET", route: "/shipments/{id}", path: shipmentPath,
                start: upstreamStart
            ) { shop, next, time in shop.shipmentLookup(next, start: time) }
        }
    }

    /// JWT check; on a token-cache miss the gateway asks `users` over gRPC. A few tokens are expired.
    private mutating func verifyToken(_ hop: Hop, client: Client, start: Nanos) -> Reply {
        var time = start &+ .micros(random.between(60, 200))
        if random.chance(0.15) {
            time =
                callGRPC(hop, to: .users, service: "users.UserService", method: "ValidateToken", start: time) { shop, next, t in
                    .ok(
                        shop.query(
                            next, start: t &+ .micros(50), "SELECT", "sessions",
                            "SELECT user_id, expires_at FROM sessions WHERE token_hash = $1"))
                }.end
        }
        if case .user = client, random.chance(0.015) {
            log(hop, .warn, "rejected request: token expired", at: time, [("client.id", client.id)])
            return Reply(end: time, status: 401, failure: Failure(type: "TokenExpired", message: "token expired", stackTrace: nil))
        }
        return .ok(time)
    }
}

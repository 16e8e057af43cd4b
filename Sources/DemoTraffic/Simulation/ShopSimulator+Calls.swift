import TraceModel

/// Synchronous calls between services (CLIENT/SERVER span pairs over HTTP or gRPC) and database queries.
extension ShopSimulator {
    mutating func networkDelay() -> Nanos { .micros(random.between(150, 900)) }

    /// An HTTP call from `hop`'s service to `server`. The callee's SERVER span is a remote child of the
    /// caller's CLIENT span, and carries the `traceparent` it was sent.
    mutating func callHTTP(
        _ hop: Hop, to server: ShopService, _ method: String, route: String, path: String, start: Nanos,
        _ handler: (inout ShopSimulator, Hop, Nanos) -> Reply
    ) -> Reply {
        let clientID = newSpanID()
        let serverID = newSpanID()
        let serverStart = start &+ networkDelay()
        var reply = handler(&self, hop.moved(to: server, spanID: serverID), serverStart &+ .micros(40))
        let serverEnd = reply.end &+ .micros(random.between(20, 120))
        let clientEnd = serverEnd &+ networkDelay()
        let traceparent = "00-" + hop.traceID.hex + "-" + clientID.hex + "-01"
        let bodySize = Int64(120 + random.below(3_800))
        let serverAttributes = [
            KeyValue("http.request.method", .string(method)),
            KeyValue("http.route", .string(route)),
            KeyValue("url.path", .string(path)),
            KeyValue("url.scheme", .string("http")),
            KeyValue("http.response.status_code", .int(reply.status)),
            KeyValue("server.address", .string(server.name)),
            KeyValue("server.port", .int(server.port)),
            KeyValue("network.protocol.version", .string("1.1")),
            KeyValue("client.address", .string(hop.service.host)),
            KeyValue("http.request.header.traceparent", .array([.string(traceparent)])),
            KeyValue("user_agent.original", .string(hop.service.httpClientName)),
            KeyValue("http.response.body.size", .int(bodySize))
        ]
        finishSpan(
            serverID, in: hop.moved(to: server, spanID: serverID), parent: clientID,
            name: method + " " + route, kind: .server, start: serverStart, end: serverEnd,
            attributes: serverAttributes, failure: reply.status >= 500 ? reply.failure ?? Self.statusFailure(reply.status) : nil,
            remoteParent: true)
        let clientAttributes = [
            KeyValue("http.request.method", .string(method)),
            KeyValue("url.full", .string("http://" + server.name + ":8080" + path)),
            KeyValue("url.template", .string(route)),
            KeyValue("server.address", .string(server.name)),
            KeyValue("server.port", .int(server.port)),
            KeyValue("http.response.status_code", .int(reply.status)),
            KeyValue("network.protocol.version", .string("1.1")),
            KeyValue("network.peer.address", .string(server.podAddress)),
            KeyValue("http.response.body.size", .int(bodySize))
        ]
        let clientFailure = reply.status >= 400 ? Self.statusFailure(reply.status, reply.failure) : nil
        finishSpan(
            clientID, in: hop, parent: hop.spanID, name: method + " " + route, kind: .client,
            start: start, end: clientEnd, attributes: clientAttributes, failure: clientFailure)
        reply.end = clientEnd
        return reply
    }

    /// A gRPC call; `reply.status` is mapped to the gRPC status code the spans carry.
    mutating func callGRPC(
        _ hop: Hop, to server: ShopService, service rpcService: String, method: String, start: Nanos,
        _ handler: (inout ShopSimulator, Hop, Nanos) -> Reply
    ) -> Reply {
        let clientID = newSpanID()
        let serverID = newSpanID()
        let serverStart = start &+ networkDelay()
        var reply = handler(&self, hop.moved(to: server, spanID: serverID), serverStart &+ .micros(30))
        let serverEnd = reply.end &+ .micros(random.between(15, 80))
        let clientEnd = serverEnd &+ networkDelay()
        let code = Self.grpcCode(reply.status)
        let name = rpcService + "/" + method
        let attributes = [
            KeyValue("rpc.system", .string("grpc")),
            KeyValue("rpc.service", .string(rpcService)),
            KeyValue("rpc.method", .string(method)),
            KeyValue("rpc.grpc.status_code", .int(code)),
            KeyValue("server.address", .string(server.name)),
            KeyValue("server.port", .int(50051)),
            KeyValue("network.transport", .string("tcp"))
        ]
        // Server spans are errors only for server-side codes (UNKNOWN, INTERNAL, UNAVAILABLE, …).
        let serverFault = [2, 4, 12, 13, 14, 15].contains(code)
        finishSpan(
            serverID, in: hop.moved(to: server, spanID: serverID), parent: clientID, name: name,
            kind: .server, start: serverStart, end: serverEnd, attributes: attributes,
            failure: serverFault ? reply.failure ?? Self.statusFailure(reply.status) : nil, remoteParent: true)
        finishSpan(
            clientID, in: hop, parent: hop.spanID, name: name, kind: .client, start: start, end: clientEnd,
            attributes: attributes, failure: code != 0 ? Self.statusFailure(reply.status, reply.failure) : nil)
        reply.end = clientEnd
        return reply
    }

    /// A query on `hop`'s service's own database. Now and then one is slow (a missing index, a lock), and
    /// the service logs a warning about it.
    mutating func query(
        _ hop: Hop, start: Nanos, _ operation: String, _ collection: String, _ text: String,
        median: Double = 1.5, rows: Int64 = 1
    ) -> Nanos {
        guard let database = hop.service.database else { return start }
        var duration = Latency(medianMillis: median).sample(&random)
        let slow = random.chance(0.012)
        if slow { duration = .millis(random.between(400, 2500)) }
        let end = start &+ duration
        let id = newSpanID()
        finishSpan(
            id, in: hop, parent: hop.spanID, name: operation + " " + collection, kind: .client,
            start: start, end: end,
            attributes: [
                KeyValue("db.system.name", .string(database.system)),
                KeyValue("db.namespace", .string(database.namespace)),
                KeyValue("db.operation.name", .string(operation)),
                KeyValue("db.collection.name", .string(collection)),
                KeyValue("db.query.text", .string(text)),
                KeyValue("db.response.returned_rows", .int(rows)),
                KeyValue("server.address", .string(database.host)),
                KeyValue("server.port", .int(database.port)),
                KeyValue("network.peer.address", .string(database.address))
            ])
        if slow {
            log(
                hop, .warn, "slow query on " + collection + " took " + String(duration / 1_000_000) + " ms",
                at: end, [("db.query.text", text)])
        }
        return end
    }

    static func statusFailure(_ status: Int64, _ cause: Failure? = nil) -> Failure {
        Failure(type: String(status), message: cause?.message ?? "HTTP " + String(status), stackTrace: nil)
    }

    static func grpcCode(_ status: Int64) -> Int64 {
        switch status {
        case 200..<300: return 0
        case 400: return 3
        case 401: return 16
        case 402, 409: return 9
        case 404: return 5
        case 429: return 8
        case 503: return 14
        case 504: return 4
        default: return 13
        }
    }
}

import TraceModel

/// The event broker: `orders` publishes `OrderPlaced` (PRODUCER); `billing` and `shipping` consume it later
/// in traces of their own (CONSUMER roots) that link back to the producer span and keep the correlation id.
extension ShopSimulator {
    static let orderPlacedTopic = "OrderPlaced"

    mutating func publishOrderPlaced(_ hop: Hop, orderID: String, sku: String, start: Nanos) -> Nanos {
        let id = newSpanID()
        let end = start &+ Latency(medianMillis: 1.8, sigma: 0.5).sample(&random)
        let messageID = newCorrelationID()
        finishSpan(
            id, in: hop, parent: hop.spanID, name: "publish " + Self.orderPlacedTopic, kind: .producer,
            start: start, end: end,
            attributes: messagingAttributes("publish", "send", messageID: messageID) + [
                KeyValue("order.id", .string(orderID))
            ])
        log(hop.under(id), .info, "published OrderPlaced", at: end, [("order.id", orderID)])
        let producer = SpanLink(
            traceID: hop.traceID, spanID: id,
            attributes: [
                KeyValue("messaging.operation.type", .string("send"))
            ], flags: Self.localFlags)
        for consumer in [ShopService.billing, .shipping] {
            // Consumer lag is long-tailed: usually milliseconds, now and then seconds behind.
            let lag = Latency(medianMillis: 12, sigma: 0.9, tailChance: 0.03, tailFactor: 50...300).sample(&random)
            consume(
                consumer, link: producer, correlationID: hop.correlationID, orderID: orderID, sku: sku,
                messageID: messageID, start: end &+ lag)
        }
        return end
    }

    private func messagingAttributes(_ operation: String, _ type: String, messageID: String) -> [KeyValue] {
        [
            KeyValue("messaging.system", .string("kafka")),
            KeyValue("messaging.destination.name", .string(Self.orderPlacedTopic)),
            KeyValue("messaging.operation.name", .string(operation)),
            KeyValue("messaging.operation.type", .string(type)),
            KeyValue("messaging.message.id", .string(messageID)),
            KeyValue("server.address", .string("kafka-0.broker")),
            KeyValue("server.port", .int(9092))
        ]
    }

    private mutating func consume(
        _ service: ShopService, link: SpanLink, correlationID: String, orderID: String,
        sku: String, messageID: String, start: Nanos
    ) {
        let rootID = newSpanID()
        let hop = Hop(service: service, traceID: newTraceID(), spanID: rootID, correlationID: correlationID)
        var time = start &+ .micros(random.between(50, 300))
        switch service {
        case .billing:
            time = query(
                hop, start: time, "INSERT", "invoices",
                "INSERT INTO invoices (order_id, issued_at) VALUES ($1, now())", median: 2.5)
            log(hop, .info, "invoice issued", at: time, [("order.id", orderID)])
        default:
            time = query(
                hop, start: time, "update", "shipments",
                #"{"update":"shipments","updates":[{"q":{"order_id":"?"},"u":{"$set":{"pick_list":"?"}}}]}"#, median: 2)
            log(hop, .info, "warehouse pick list created", at: time, [("order_id", orderID), ("sku", sku)])
        }
        let end = time &+ .micros(random.between(30, 200))
        finishSpan(
            rootID, in: hop, parent: nil, name: "process " + Self.orderPlacedTopic, kind: .consumer,
            start: start, end: end,
            attributes: messagingAttributes("process", "process", messageID: messageID) + [
                KeyValue("messaging.consumer.group.name", .string(service.name)),
                KeyValue("order.id", .string(orderID))
            ], links: [link])
    }
}

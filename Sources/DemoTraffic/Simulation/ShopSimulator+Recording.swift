import TraceModel

/// Ids, spans and logs: how simulated work becomes telemetry in the services' export queues.
extension ShopSimulator {
    /// W3C trace flags "sampled", plus OTLP's "parent is remote" knowledge bits.
    static let localFlags: UInt32 = 0x101
    static let remoteParentFlags: UInt32 = 0x301

    mutating func newTraceID() -> TraceID { TraceID(high: random.nonZero(), low: random.next()) }
    mutating func newSpanID() -> SpanID { SpanID(random.nonZero()) }

    /// A random (version 4) UUID, as gateways stamp in `X-Correlation-ID`.
    mutating func newCorrelationID() -> String {
        let high = random.next() & 0xFFFF_FFFF_FFFF_0FFF | 0x4000
        let low = random.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let hex = Array(TraceID(high: high, low: low).hex.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, byte) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { out.append(UInt8(ascii: "-")) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Queues a finished span on its service's exporter. A failure sets ERROR status and `error.type`, and
    /// one with a stack trace adds the `exception` event the SDKs record.
    mutating func finishSpan(
        _ id: SpanID, in hop: Hop, parent: SpanID?, name: String, kind: SpanKind, start: Nanos, end: Nanos,
        attributes: [KeyValue], failure: Failure? = nil, events: [SpanEvent] = [], links: [SpanLink] = [],
        remoteParent: Bool = false
    ) {
        var attributes = attributes
        attributes.append(KeyValue("correlation_id", .string(hop.correlationID)))
        var events = events
        var status = SpanStatus()
        if let failure {
            status = SpanStatus(code: .error, message: failure.message)
            attributes.append(KeyValue("error.type", .string(failure.type)))
            if let stack = failure.stackTrace {
                events.append(
                    SpanEvent(
                        timeUnixNano: end, name: "exception",
                        attributes: [
                            KeyValue("exception.type", .string(failure.type)),
                            KeyValue("exception.message", .string(failure.message)),
                            KeyValue("exception.stacktrace", .string(stack))
                        ]))
            }
        }
        let span = Span(
            traceID: hop.traceID, spanID: id, parentSpanID: parent,
            flags: remoteParent ? Self.remoteParentFlags : Self.localFlags, name: name, kind: kind,
            startTimeUnixNano: start, endTimeUnixNano: max(end, start), attributes: attributes,
            events: events, links: links, status: status)
        spanQueues[hop.service.rawValue].append(span)
    }

    /// An INTERNAL span around work done by `body`, which gets a hop under the new span and the start time.
    mutating func internalSpan(
        _ hop: Hop, _ name: String, start: Nanos, attributes: [KeyValue] = [],
        _ body: (inout ShopSimulator, Hop, Nanos) -> Reply
    ) -> Reply {
        let id = newSpanID()
        let reply = body(&self, hop.under(id), start)
        finishSpan(
            id, in: hop, parent: hop.spanID, name: name, kind: .internal, start: start, end: reply.end,
            attributes: attributes, failure: reply.failure)
        return reply
    }

    /// A log line from `hop`'s service: an OTLP record with trace context, or for a legacy service an
    /// NDJSON line that knows only the correlation id.
    mutating func log(
        _ hop: Hop, _ level: LogLevel, _ message: String, at time: Nanos,
        _ fields: [(String, String)] = []
    ) {
        switch hop.service.logStyle {
        case .otlp:
            var attributes = [KeyValue("correlation_id", .string(hop.correlationID))]
            for (key, value) in fields { attributes.append(KeyValue(key, .string(value))) }
            let record = LogRecord(
                timeUnixNano: time, observedTimeUnixNano: time, severityNumber: level.severityNumber,
                severityText: level.otlpName, body: .string(message), attributes: attributes,
                flags: 1, traceID: hop.traceID, spanID: hop.spanID)
            logQueues[hop.service.rawValue].append(record)
        case .legacyNDJSON:
            var fields = fields
            fields.append(("logger", "\(hop.service.name).app"))
            lineQueues[hop.service.rawValue].append(
                LegacyLogLine(
                    time: time, level: level, service: hop.service, message: message,
                    correlationID: hop.correlationID, fields: fields))
        }
    }
}

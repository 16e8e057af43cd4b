import DemoTraffic
import JSONToolkit
import Testing
import TraceModel

/// Asynchronous consumers, correlation ids and logs.
@Suite struct BrokerAndLogStoryTests {
    let data = DemoDataset.standard

    @Test func consumerTracesLinkBackToTheProducerSpan() throws {
        let producers = data.spans.map(\.span).filter { $0.kind == .producer }
        let consumers = data.spans.filter { $0.span.kind == .consumer }
        #expect(!producers.isEmpty)
        #expect(consumers.count == 2 * producers.count, "billing and shipping each consume every OrderPlaced")
        let byID = Dictionary(uniqueKeysWithValues: producers.map { ($0.spanID, $0) })
        for consumer in consumers {
            let span = consumer.span
            #expect(span.parentSpanID == nil, "a consumer starts a new trace")
            let link = try #require(span.links.first)
            let producer = try #require(byID[link.spanID])
            #expect(link.traceID == producer.traceID)
            #expect(span.traceID != producer.traceID)
            #expect(span.correlationID == producer.correlationID)
            #expect(span.startTimeUnixNano >= producer.endTimeUnixNano)
            #expect(span.attribute("messaging.destination.name")?.stringValue == "OrderPlaced")
        }
        #expect(Set(consumers.map(\.service)) == ["billing", "shipping"])
    }

    @Test func logsShareCorrelationIDsAcrossTraces() throws {
        let producer = try #require(data.spans.map(\.span).first { $0.kind == .producer })
        let id = try #require(producer.correlationID)
        let otlp = data.logs.filter { $0.record.attributes[key: "correlation_id"]?.stringValue == id }
        let traces = Set(otlp.compactMap(\.record.traceID))
        #expect(traces.count >= 2, "the order's trace and billing's consumer trace both log with this id")
        let legacy = data.lines.filter { $0.string("correlation_id") == id }
        #expect(!legacy.isEmpty, "the shipping consumer's NDJSON line carries it too")
    }

    @Test func retriedCheckoutsKeepTheCorrelationIDInANewTrace() throws {
        let roots = data.spans.map(\.span).filter { $0.parentSpanID == nil && $0.kind == .server }
        let retries = roots.filter { $0.attribute("http.request.resend_count") != nil }
        #expect(!retries.isEmpty, "some shoppers retry a failed checkout")
        for retry in retries {
            let first = roots.filter { $0.correlationID == retry.correlationID && $0.traceID != retry.traceID }
            #expect(first.count == 1)
            if let first = first.first {
                #expect(first.attribute("http.response.status_code")?.intValue == 503)
                #expect(retry.startTimeUnixNano >= first.endTimeUnixNano + 1_000_000_000, "a second or more later")
            }
        }
    }

    @Test func legacyLinesCarryOnlyTheCorrelationID() {
        #expect(!data.lines.isEmpty)
        let known = Set(data.spans.compactMap(\.span.correlationID))
        for line in data.lines {
            #expect(line["trace_id"] == nil && line["traceparent"] == nil && line["span_id"] == nil)
            #expect(["shipping", "inventory"].contains(line.string("service") ?? ""))
            #expect(line.string("correlation_id").map(known.contains) == true)
            #expect(["debug", "info", "warning", "error"].contains(line.string("level") ?? ""))
            #expect(line.string("ts")?.hasSuffix("Z") == true && line.string("msg")?.isEmpty == false)
        }
    }

    @Test func otlpLogsHaveTraceContextAndSensibleSeverities() {
        let spanIDs = Set(data.spans.map { "\($0.span.traceID.hex)/\($0.span.spanID.hex)" })
        #expect(Set(data.logs.map(\.service)) == ["gateway", "orders", "billing", "users"])
        for log in data.logs {
            let record = log.record
            #expect(record.traceID != nil && record.spanID != nil)
            if let trace = record.traceID, let span = record.spanID {
                #expect(spanIDs.contains("\(trace.hex)/\(span.hex)"), "log belongs to a span that was sent")
            }
            #expect([5, 9, 13, 17].contains(record.severityNumber))
            #expect(Severity.name(of: record.severityNumber) == record.severityText)
        }
        #expect(data.logs.contains { $0.record.severityText == "ERROR" })
        #expect(data.logs.contains { $0.record.severityText == "WARN" })
    }

    @Test func gatewayStampsTheCorrelationIDOnEverySpan() throws {
        let roots = data.spans.filter { $0.service == "gateway" && $0.span.parentSpanID == nil }
        #expect(!roots.isEmpty)
        for root in roots {
            let header = root.span.attribute("http.request.header.x-correlation-id")
            let id = try #require(root.span.correlationID)
            #expect(header == .array([.string(id)]))
            #expect(data.trace(root.span.traceID).allSatisfy { $0.correlationID == id })
        }
    }

    @Test func rateLimitedRequestsGo429WithoutReachingServices() {
        let limited = data.spans.map(\.span).filter { $0.parentSpanID == nil && $0.attribute("http.response.status_code")?.intValue == 429 }
        #expect(!limited.isEmpty, "the scraper bot's bursts should hit the rate limit")
        for root in limited {
            // Auth comes first (a token-cache miss asks `users`); nothing is routed upstream.
            let upstream = data.spans.filter { $0.span.traceID == root.traceID && $0.service != "gateway" }
            #expect(
                upstream.allSatisfy {
                    $0.service == "users" && ["users.UserService/ValidateToken", "SELECT sessions"].contains($0.span.name)
                })
            #expect(!data.trace(root.traceID).contains { $0.kind == .client && $0.attribute("http.request.method") != nil })
            #expect(!root.isError, "429 is the client's problem, not a server error")
        }
    }
}

import Foundation
import Testing
import TraceModel
import TraceStore

/// The storage contract (see `TraceStore`): every backend in `Backends.all` must pass this suite.
@Suite struct TraceStoreContractTests {
    @Test(arguments: Backends.all)
    func everyFieldOfASpanReadsBack(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        let span = Span(
            traceID: Make.traceID(1), spanID: Make.spanID(1), parentSpanID: Make.spanID(9), traceState: "vendor=a,other=b",
            flags: 0x301, name: "GET /checkout", kind: .client, startTimeUnixNano: Make.base, endTimeUnixNano: Make.base + 5_000,
            attributes: [
                KeyValue("s", .string("text ünïcode")), KeyValue("b", .bool(true)), KeyValue("i", .int(Int64.min)),
                KeyValue("d", .double(-0.25)), KeyValue("nan", .double(.infinity)), KeyValue("bytes", .bytes([0, 1, 255])),
                KeyValue("arr", .array([.int(1), .string("x"), .array([.bool(false)])])),
                KeyValue("kv", .kvlist([KeyValue("inner", .kvlist([KeyValue("deep", .double(1.5))]))])),
                KeyValue("empty", .empty), KeyValue("s", .string("duplicate key kept"))
            ],
            droppedAttributesCount: 3,
            events: [
                SpanEvent(
                    timeUnixNano: Make.base + 1, name: "exception",
                    attributes: [KeyValue("exception.stacktrace", .string("line 1\nline 2"))], droppedAttributesCount: 1)
            ],
            droppedEventsCount: 4,
            links: [
                SpanLink(
                    traceID: Make.traceID(2), spanID: Make.spanID(7), traceState: "k=v", attributes: [KeyValue("l", .int(1))],
                    droppedAttributesCount: 2, flags: 1)
            ],
            droppedLinksCount: 5, status: SpanStatus(code: .error, message: "boom"))
        let record = SpanRecord(
            span: span, resource: Resource(attributes: [KeyValue("service.name", .string("api"))], droppedAttributesCount: 6),
            resourceSchemaUrl: "https://opentelemetry.io/schemas/1.44.0",
            scope: InstrumentationScope(
                name: "lib", version: "1.2", attributes: [KeyValue("scope.attr", .bool(true))], droppedAttributesCount: 7),
            scopeSchemaUrl: "https://scope/schema")
        try await store.write(WriteBatch(spans: [record]))
        let stored = try await store.trace(Make.traceID(1))
        #expect(stored.count == 1)
        var expected = record
        expected.correlationIDs = []
        #expect(stored.first == expected)
    }

    /// A trace read gives its spans oldest first (ties by span id) and each span its trace's correlation ids sorted
    /// byte by byte, whatever order they were written in.
    @Test(arguments: Backends.all)
    func aTraceReadsInOrderWithItsCorrelationIDsSorted(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        let spans = [(id: 7, start: 30, ids: ["b-2"]), (id: 9, start: 10, ids: ["c-3", "a-1"]), (id: 3, start: 10, ids: ["B-0"])]
        for span in spans {
            let record = Make.record(
                Make.span(trace: 1, id: UInt64(span.id), parent: 1, startMs: UInt64(span.start)), correlation: span.ids)
            try await store.write(WriteBatch(spans: [record]))
        }
        let stored = try await store.trace(Make.traceID(1))
        #expect(stored.map(\.span.spanID) == [3, 9, 7].map { Make.spanID(UInt64($0)) })
        #expect(stored.allSatisfy { $0.correlationIDs == ["B-0", "a-1", "b-2", "c-3"] })
    }

    @Test(arguments: Backends.all)
    func summaryIsRightWhateverOrderSpansArriveIn(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        let root = Make.record(Make.span(trace: 1, id: 1, name: "POST /checkout", startMs: 0, durationMs: 100), service: "gateway")
        let child = Make.record(
            Make.span(trace: 1, id: 2, parent: 1, name: "charge", kind: .client, startMs: 10, durationMs: 50, status: .error),
            service: "billing")
        let late = Make.record(
            Make.span(trace: 1, id: 3, parent: 2, name: "db", kind: .client, startMs: 90, durationMs: 40), service: "billing-db")
        // Children first, split across batches, and one re-sent.
        try await store.write(WriteBatch(spans: [late]))
        try await store.write(WriteBatch(spans: [child, late]))
        var summaries = try await store.traceSummaries(TraceQuery())
        #expect(summaries.first?.rootOperation == "")
        try await store.write(WriteBatch(spans: [root]))
        summaries = try await store.traceSummaries(TraceQuery())
        let summary = try #require(summaries.first)
        #expect(summaries.count == 1)
        #expect(summary.rootService == "gateway")
        #expect(summary.rootOperation == "POST /checkout")
        #expect(summary.startTimeUnixNano == Make.base)
        #expect(summary.durationNanos == 130_000_000)
        #expect(summary.spanCount == 3)
        #expect(summary.errorCount == 1)
        #expect(summary.services == ["billing", "billing-db", "gateway"])
        #expect(try await store.trace(Make.traceID(1)).count == 3)
    }

    @Test(arguments: Backends.all)
    func endBeforeStartIsKeptRawButCountsAsInstant(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        var span = Make.span(trace: 5, id: 1)
        span.endTimeUnixNano = span.startTimeUnixNano - 1_000
        try await store.write(WriteBatch(spans: [Make.record(span)]))
        #expect(try await store.trace(Make.traceID(5)).first?.span.endTimeUnixNano == span.endTimeUnixNano)
        #expect(try await store.traceSummaries(TraceQuery()).first?.durationNanos == 0)
    }

    @Test(arguments: Backends.all)
    func searchFiltersAndSorts(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        var spans: [SpanRecord] = []
        for n in UInt64(1)...30 {
            let status: StatusCode = n % 10 == 0 ? .error : .unset
            let attributes = [KeyValue("http.response.status_code", .int(n % 10 == 0 ? 500 : 200))]
            spans.append(
                Make.record(
                    Make.span(
                        trace: n, id: 1, name: n % 2 == 0 ? "even" : "odd", startMs: n * 1000, durationMs: n * 10, status: status,
                        attributes: attributes), service: n % 3 == 0 ? "billing" : "orders", correlation: ["corr-\(n % 5)"]))
        }
        try await store.write(WriteBatch(spans: spans))

        let recent = try await store.traceSummaries(TraceQuery(limit: 5))
        #expect(recent.map(\.traceID) == [30, 29, 28, 27, 26].map(Make.traceID))

        let billingSlow = try await store.traceSummaries(TraceQuery(service: "billing", minDurationNanos: 200_000_000, sort: .duration))
        #expect(billingSlow.map(\.traceID) == [30, 27, 24, 21].map(Make.traceID))

        let evenOps = try await store.traceSummaries(TraceQuery(operation: "even", limit: 100))
        #expect(evenOps.count == 15)

        let errors = try await store.traceSummaries(TraceQuery(errorsOnly: true, limit: 100))
        #expect(Set(errors.map(\.traceID)) == Set([10, 20, 30].map(Make.traceID)))

        let tagged = try await store.traceSummaries(TraceQuery(tags: ["http.response.status_code": "500"], limit: 100))
        #expect(Set(tagged.map(\.traceID)) == Set([10, 20, 30].map(Make.traceID)))

        let byCorrelation = try await store.traceSummaries(TraceQuery(correlationID: "corr-2", limit: 100))
        #expect(Set(byCorrelation.map(\.traceID)) == Set([2, 7, 12, 17, 22, 27].map(Make.traceID)))
        #expect(byCorrelation.first?.correlationIDs == ["corr-2"])

        let window = try await store.traceSummaries(
            TraceQuery(startFromNanos: Make.base + 5_000_000_000, startToNanos: Make.base + 7_000_000_000, limit: 100))
        #expect(Set(window.map(\.traceID)) == Set([5, 6, 7].map(Make.traceID)))

        #expect(try await store.traceSummaries(TraceQuery(service: "nobody")).isEmpty)
        #expect(try await store.services() == ["billing", "orders"])
        #expect(try await store.operations(service: "billing", kind: nil).map(\.name) == ["even", "odd"])
    }

    @Test(arguments: Backends.all)
    func logsJoinByTraceAndByCorrelation(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        let gateway = Make.record(Make.span(trace: 1, id: 1, name: "POST /checkout"), service: "gateway", correlation: ["c-1"])
        let consumer = Make.record(
            Make.span(trace: 2, id: 1, name: "consume", kind: .consumer, startMs: 500), service: "shipping", correlation: ["c-1"])
        try await store.write(
            WriteBatch(
                spans: [gateway, consumer],
                logs: [
                    Make.log("gateway got request", service: "gateway", trace: 1, span: 1, atMs: 1),
                    Make.log("legacy ledger wrote entry", service: "ledger", severity: 13, atMs: 3, correlation: ["c-1"]),
                    Make.log("unrelated", service: "ledger", atMs: 2, correlation: ["c-9"]),
                    Make.log("shipping consumed", service: "shipping", trace: 2, span: 1, severity: 17, atMs: 600)
                ]))
        let traceLogs = try await store.logs(LogQuery(traceID: Make.traceID(1)))
        #expect(traceLogs.map { $0.entry.record.body.stringValue } == ["gateway got request", "legacy ledger wrote entry"])

        let correlated = try await store.logs(LogQuery(correlationID: "c-1"))
        #expect(
            correlated.map { $0.entry.record.body.stringValue } == ["gateway got request", "legacy ledger wrote entry", "shipping consumed"]
        )
        #expect(try await store.traceSummaries(TraceQuery(correlationID: "c-1")).count == 2)

        let spanLogs = try await store.logs(LogQuery(traceID: Make.traceID(2), spanID: Make.spanID(1)))
        #expect(spanLogs.map { $0.entry.record.body.stringValue } == ["shipping consumed"])
        #expect(try await store.logs(LogQuery(minSeverity: 13)).count == 2)
        #expect(try await store.logs(LogQuery(service: "ledger")).count == 2)
        #expect(try await store.logs(LogQuery(text: "LEDGER")).map { $0.entry.record.body.stringValue } == ["legacy ledger wrote entry"])
        #expect(try await store.logs(LogQuery(fromNanos: Make.base + 2_500_000, toNanos: Make.base + 700_000_000)).count == 2)
        #expect(traceLogs.last?.entry.correlationIDs == ["c-1"])
        // Newest first when tailing.
        #expect(try await store.logs(LogQuery(limit: 1)).first?.entry.record.body.stringValue == "shipping consumed")
    }

    @Test(arguments: Backends.all)
    func latencyPercentilesWithinOnePercent(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        var generator = SplitMix(seed: 7)
        var durationsMicros: [UInt64] = []
        var batch: [SpanRecord] = []
        for n in 0..<5000 {
            // Long-tailed: mostly 1–20 ms, some up to seconds.
            let micros = generator.next() % 100 < 95 ? 1000 + generator.next() % 19_000 : 20_000 + generator.next() % 3_000_000
            durationsMicros.append(micros)
            var span = Make.span(trace: UInt64(n + 1), id: 1, name: "charge", startMs: UInt64(n) * 20)
            span.endTimeUnixNano = span.startTimeUnixNano + micros * 1000
            batch.append(Make.record(span, service: "billing"))
            if batch.count == 700 {
                try await store.write(WriteBatch(spans: batch))
                batch = []
            }
        }
        try await store.write(WriteBatch(spans: batch))
        let results = try await store.latency(
            LatencyQuery(fromNanos: Make.base, toNanos: Make.base + 200_000_000_000, stepNanos: 60_000_000_000))
        let result = try #require(results.first)
        #expect(results.count == 1)
        #expect(result.figures.count == 5000)
        let sorted = durationsMicros.sorted()
        func exact(_ p: Double) -> Double { Double(sorted[Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1]) }
        for (p, measured) in [
            (50.0, result.figures.p50), (75, result.figures.p75), (90, result.figures.p90), (95, result.figures.p95),
            (99, result.figures.p99)
        ] {
            #expect(abs(Double(measured) - exact(p)) / exact(p) <= 0.01, "p\(p): \(measured) vs exact \(exact(p))")
        }
        #expect(result.figures.max == sorted.last)
        #expect(result.series.count == 2)
        #expect(result.series.reduce(0) { $0 + $1.figures.count } == 5000)
    }

    /// Windows that start or end inside an hour count exactly the spans that started inside them, whether the
    /// window ends before the last data or past it.
    @Test(arguments: Backends.all)
    func latencyWindowsCountExactlyTheSpansInside(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        let minuteNanos: UInt64 = 60_000_000_000
        let firstMinute = Make.base / minuteNanos
        // One span a minute for 3 h 10 min, each 1 ms longer than the last.
        let spans = (0..<190).map { n -> SpanRecord in
            var span = Make.span(trace: UInt64(n + 1), id: 1, name: "tick")
            span.startTimeUnixNano = (firstMinute + UInt64(n)) * minuteNanos + 1_000
            span.endTimeUnixNano = span.startTimeUnixNano + UInt64(n + 1) * 1_000_000
            return Make.record(span, service: "svc")
        }
        try await store.write(WriteBatch(spans: spans))
        for (from, to) in [(0, 189), (7, 125), (61, 119), (0, 400), (130, 500), (190, 500), (5, 5)] {
            let query = LatencyQuery(
                fromNanos: (firstMinute + UInt64(from)) * minuteNanos, toNanos: (firstMinute + UInt64(to)) * minuteNanos + 5)
            let inside = max(0, min(to, 189) - from + 1)
            let result = try await store.latency(query).first
            #expect((result?.figures.count ?? 0) == inside, "window \(from)...\(to)")
            if inside > 0 { #expect(result?.figures.max == UInt64(min(to, 189) + 1) * 1_000, "window \(from)...\(to)") }
        }
    }

    /// Histograms merged across group commits must equal one built at once: every figure, to the microsecond.
    @Test(arguments: Backends.all)
    func latencyDoesNotDependOnHowSpansWereBatched(backend: String) async throws {
        var generator = SplitMix(seed: 11)
        let spans = (0..<3000).map { n -> SpanRecord in
            let micros = generator.next() % 10 == 0 ? generator.next() % 5_000_000 : generator.next() % 40_000
            var span = Make.span(
                trace: UInt64(n + 1), id: 1, name: n % 3 == 0 ? "a" : "b", startMs: UInt64(n) * 50,
                status: n % 7 == 0 ? .error : .unset)
            span.endTimeUnixNano = span.startTimeUnixNano + micros * 1000
            return Make.record(span, service: "svc")
        }
        let query = LatencyQuery(fromNanos: Make.base, toNanos: Make.base + 200_000_000_000, stepNanos: 60_000_000_000)
        let (whole, cleanupWhole) = try Backends.make(backend)
        defer { cleanupWhole() }
        try await whole.write(WriteBatch(spans: spans))
        let (pieces, cleanupPieces) = try Backends.make(backend)
        defer { cleanupPieces() }
        // 131 commits: the SQLite store merges its pending counts twice and queries the last few commits' rows.
        for start in stride(from: 0, to: spans.count, by: 23) {
            try await pieces.write(WriteBatch(spans: Array(spans[start..<min(start + 23, spans.count)])))
        }
        let expected = try await whole.latency(query)
        #expect(expected.count == 2)
        #expect(try await pieces.latency(query) == expected)
    }

    /// SDKs re-send a batch after a timeout or a 503: a span stored once is counted once, whether the copy comes
    /// in a later commit or twice within one batch.
    @Test(arguments: Backends.all)
    func latencyCountsAReSentSpanOnce(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        let spans = (1...4).map { n in
            Make.record(Make.span(trace: UInt64(n), id: 1, name: "charge", startMs: UInt64(n) * 10), service: "billing")
        }
        try await store.write(WriteBatch(spans: spans))
        try await store.write(WriteBatch(spans: spans))
        try await store.write(WriteBatch(spans: [spans[0], spans[0], spans[1]]))
        let query = LatencyQuery(fromNanos: Make.base, toNanos: Make.base + 60_000_000_000, stepNanos: 60_000_000_000)
        let result = try #require(try await store.latency(query).first)
        #expect(result.figures.count == 4)
        #expect(result.series.reduce(0) { $0 + $1.figures.count } == 4)
    }

    @Test(arguments: Backends.all)
    func dependenciesCountCallsBetweenServices(backend: String) async throws {
        let (store, cleanup) = try Backends.make(backend)
        defer { cleanup() }
        try await store.write(
            WriteBatch(spans: [
                Make.record(Make.span(trace: 1, id: 1), service: "gateway"),
                Make.record(Make.span(trace: 1, id: 2, parent: 1, kind: .client), service: "gateway"),
                Make.record(Make.span(trace: 1, id: 3, parent: 2, status: .error), service: "orders"),
                Make.record(Make.span(trace: 1, id: 4, parent: 3, kind: .client), service: "orders"),
                Make.record(Make.span(trace: 1, id: 5, parent: 4), service: "billing")
            ]))
        let links = try await store.dependencies(from: Make.base - 1, to: Make.base + 1)
        #expect(
            links == [
                DependencyLink(parent: "gateway", child: "orders", callCount: 1, errorCount: 1),
                DependencyLink(parent: "orders", child: "billing", callCount: 1, errorCount: 0)
            ])
    }
}

/// A tiny deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

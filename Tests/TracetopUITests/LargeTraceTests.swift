import Foundation
import Testing
import TraceModel
import WireCodecs
@testable import TracetopUI

/// A 10,000-span trace must open and scroll. Timing is reported by `swift test -c release --filter LargeTrace`
/// (performance is measured, not asserted); the test checks that every frame is drawn correctly.
@Suite("A 10,000-span trace")
struct LargeTraceTests {
    static func bigTrace() -> TraceDetail {
        var spans: [TraceSpan] = [Fixtures.span("0000000000000001", "root", start: 0, end: 100_000)]
        for index in 2...10_000 {
            let parent = index <= 100 ? 1 : (index % 100) + 1
            spans.append(
                Fixtures.span(
                    hex(index), parent: hex(parent), "op-\(index)", process: "p\(index % 5 + 1)",
                    start: Int64(index * 5), end: Int64(index * 5 + 2_000), error: index % 997 == 0))
        }
        return TraceDetail(traceID: Fixtures.traceID, spans: spans, processes: Fixtures.processes)
    }

    static func hex(_ value: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @Test func opensAndScrolls() {
        let trace = Self.bigTrace()
        var state = Fixtures.state(width: 200, height: 60)
        Fixtures.press([.character(":")] + Fixtures.type("trace " + Fixtures.traceID) + [.enter], on: &state)

        let clock = ContinuousClock()
        let firstFrameStart = clock.now
        _ = state.apply(.response(.trace(id: Fixtures.traceID), .success(.trace(trace))))
        var screen = Renderer.render(state)
        let firstFrame = clock.now - firstFrameStart
        #expect(screen.text.contains("10000 spans"))

        var keyFrames: [Duration] = []
        for key in [
            Key.pageDown, .pageDown, .character("j"), .character("G"), .character("k"), .character("h"), .character("g"), .character("-"),
            .character("+")
        ] {
            let start = clock.now
            _ = state.apply(.key(key))
            screen = Renderer.render(state)
            keyFrames.append(clock.now - start)
        }
        expectAligned(screen)
        print("large trace: first frame \(firstFrame), slowest key redraw \(keyFrames.max()!), keys \(keyFrames)")
    }

    /// The decode happens off the UI loop, but it is part of "data arrives → first frame": the collector's
    /// `?format=otlp` answer through the client's decoder.
    @Test func decodesFromOTLPJSON() throws {
        let traceID = try #require(TraceID(hex: Fixtures.traceID))
        let epoch: UInt64 = 1_732_490_000_000_000_000
        let spans = (1...10_000).map { (index: Int) -> Span in
            let start = epoch + UInt64(index) * 1000
            let parent: SpanID? = index == 1 ? nil : SpanID(UInt64(index / 2))
            return Span(
                traceID: traceID, spanID: SpanID(UInt64(index)), parentSpanID: parent, name: "op-\(index)", kind: .server,
                startTimeUnixNano: start, endTimeUnixNano: start + UInt64(1000 + index) * 1000,
                attributes: [KeyValue("http.route", .string("/api/items/{id}")), KeyValue("http.response.status_code", .int(200))])
        }
        let resource = Resource(attributes: [KeyValue("service.name", .string("gateway"))])
        let body = Data(
            OTLPJSON.encode(TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(spans: spans)])])))
        let clock = ContinuousClock()
        let start = clock.now
        let result = ResponseDecoder.decode(.trace(id: Fixtures.traceID), status: 200, body: body, path: "/api/traces/x")
        let read = clock.now - start
        guard case .success(.trace(let trace)) = result else {
            Issue.record("expected a trace, got \(result)")
            return
        }
        #expect(trace.spans.count == 10_000)
        #expect(trace.spans[1].parentSpanID == "0000000000000001")
        #expect(trace.spans[1].kind == SpanKind.server && !trace.spans[1].isError)
        #expect(TraceTree(trace).serviceNames.allSatisfy { $0 == "gateway" })
        print("large trace: \(body.count) bytes of OTLP JSON read by the client's decoder in \(read)")
    }
}

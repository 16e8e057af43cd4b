import Foundation
import Testing
@testable import TracetopUI

/// A 10,000-span trace must open and scroll. Timing is reported by `swift test -c release --filter LargeTrace`
/// (performance is measured, not asserted); the test checks that every frame is drawn correctly.
@Suite("A 10,000-span trace")
struct LargeTraceTests {
    static func bigTrace() -> TraceDetail {
        var spans: [SpanRecord] = [Fixtures.span("0000000000000001", "root", start: 0, end: 100_000)]
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

    /// The JSON decode happens off the UI loop, but it is part of "data arrives → first frame".
    @Test func decodesFromJaegerJSON() throws {
        var json = #"{"traceID":"\#(Fixtures.traceID)","processes":{"p1":{"serviceName":"gateway","tags":[]}},"spans":["#
        for index in 1...10_000 {
            if index > 1 { json += "," }
            let parent = index == 1 ? "" : #"{"refType":"CHILD_OF","traceID":"\#(Fixtures.traceID)","spanID":"\#(Self.hex(index / 2))"}"#
            json +=
                #"{"traceID":"\#(Fixtures.traceID)","spanID":"\#(Self.hex(index))","operationName":"op-\#(index)","references":[\#(parent)],"startTime":\#(1_732_490_000_000_000 + index),"duration":\#(1000 + index),"tags":[{"key":"http.route","type":"string","value":"/api/items/{id}"},{"key":"http.response.status_code","type":"int64","value":200}],"logs":[],"processID":"p1"}"#
        }
        json += "]}"
        let data = Data(json.utf8)
        let clock = ContinuousClock()
        let start = clock.now
        let trace = try JSONDecoder().decode(TraceDetail.self, from: data)
        let decoded = clock.now - start
        #expect(trace.spans.count == 10_000)
        print("large trace: \(data.count) bytes of JSON decoded in \(decoded)")
        // The client's path: TraceModel's byte-level reader behind ResponseDecoder.
        let envelope = Data(#"{"data":["#.utf8) + data + Data("]}".utf8)
        let readerStart = clock.now
        let result = ResponseDecoder.decode(.trace(id: Fixtures.traceID), status: 200, body: envelope, path: "/api/traces/x")
        let read = clock.now - readerStart
        guard case .success(.trace(let fast)) = result else {
            Issue.record("expected a trace, got \(result)")
            return
        }
        #expect(fast == trace)
        print("large trace: the same read by the client's decoder in \(read)")
    }
}

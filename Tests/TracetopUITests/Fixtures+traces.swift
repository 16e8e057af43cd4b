import TracetopAPI
import TracetopUI

extension Fixtures {
    /// The checkout trace opened from the list (the oldest row), as a user gets there.
    static func openCheckout(width: Int, height: Int) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        press([.character("G"), .enter], on: &state)
        _ = state.apply(.response(.trace(id: traceID), .success(.trace(checkout()))))
        return state
    }

    /// A trace whose names carry escape sequences, bidi overrides, NULs and wide characters, opened with `:trace`.
    static func openHostileTrace(width: Int, height: Int) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        press([.character(":")] + type("trace " + traceID) + [.enter], on: &state)
        _ = state.apply(.response(.trace(id: traceID), .success(.trace(hostileTrace()))))
        return state
    }

    static func hostileTrace() -> TraceDetail {
        let processes: [String: TraceDetail.Process] = [
            "p1": .init(serviceName: "支払い\u{1B}[2J"), "p2": .init(serviceName: "e\u{301}vil\u{9B}")
        ]
        return TraceDetail(
            traceID: traceID,
            spans: [
                span("00000000000000a0", "請求 🚀\u{1B}]52;c;eA==\u{07}", start: 0, end: 100),
                span(
                    "00000000000000a1", parent: "00000000000000a0", "\u{202E}evil\u{0}\u{7}name", process: "p2", start: 20, end: 80,
                    error: true,
                    statusMessage: "boom\u{1B}]0;pwned\u{07}")
            ], processes: processes)
    }
}

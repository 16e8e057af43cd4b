import Testing
import TraceModel

@Suite struct AttributeKeySetTests {
    let keys = AttributeKeySet(["correlation_id", "x-request-id", "http.route", "é.key"])

    @Test(arguments: ["correlation_id", "x-request-id", "http.route", "é.key"])
    func findsEveryKey(_ key: String) {
        #expect(keys.contains(key))
    }

    /// Same length as a member, a member's prefix or extension, another case, longer than the longest, empty.
    @Test(arguments: [
        "correlation-id", "correlation_iD", "x-request-ix", "http.rout", "http.routes", "HTTP.ROUTE",
        "http.request.header.x-correlation-id", "", "e.key"
    ])
    func rejectsOtherKeys(_ key: String) {
        #expect(!keys.contains(key))
    }

    /// Keys are compared as the bytes they arrive in (as Jaeger and Tempo compare them), so a decomposed "é"
    /// is another key than the precomposed one configured, and so is an equivalent spelling of the same length.
    @Test func comparesTheBytesNotCanonicalEquivalence() {
        #expect(!keys.contains("e\u{301}.key"))
        #expect(AttributeKeySet(["e\u{301}.key"]).contains("e\u{301}.key"))
        // d with dot below and dot above, in two orders: five UTF-8 bytes each, and equal to Swift's `==`.
        let (one, other) = ("\u{1E0B}\u{323}", "\u{1E0D}\u{307}")
        #expect(one == other && one.utf8.count == other.utf8.count)
        #expect(!AttributeKeySet([one]).contains(other))
    }

    @Test func anEmptySetHoldsNothing() {
        let none = AttributeKeySet([String]())
        #expect(none.isEmpty)
        #expect(!none.contains(""))
        #expect(!none.contains("http.route"))
        #expect(keys.all == ["correlation_id", "x-request-id", "http.route", "é.key"])
    }
}

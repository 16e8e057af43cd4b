import Testing
@testable import JSONToolkit

@Suite("RecentStrings")
struct RecentStringsTests {
    @Test func alwaysReturnsTheStringOfTheBytesEvenWhenSlotsCollide() {
        var cache = RecentStrings()
        // Far more distinct strings than slots, of every length around the cached range, asked for twice in
        // different orders: any slot collision that returned a stale string would show here.
        let texts =
            (0..<3_000).map { index in
                String(repeating: "k", count: 1 + index % 140) + ".\(index)"
            } + ["http.response.status_code", "http.response.status_codf", "é.unicode.attribute.key", "0123456789abcdef"]
        for round in 0..<2 {
            for text in (round == 0 ? texts : texts.reversed()) {
                var utf8 = Array(text.utf8)
                let made = utf8.withUnsafeMutableBytes { cache.string(UnsafeRawBufferPointer($0)) }
                #expect(made == text)
            }
        }
    }
}

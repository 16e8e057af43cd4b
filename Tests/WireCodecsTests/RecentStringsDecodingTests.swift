import Testing
import TraceModel
import WireCodecs

@Suite("RecentStrings in the OTLP JSON decoder")
struct RecentStringsDecodingTests {
    @Test func repeatedKeysDecodeEqualAcrossSpans() throws {
        let attribute = #"{"key":"http.response.status_code","value":{"stringValue":"a.fairly.long.repeated.value"}}"#
        let spans = (0..<50).map { _ in OTLPJSONFixture.span(#""attributes":["# + attribute + "]") }.joined(separator: ",")
        let decoded = try OTLPJSONFixture.decodeTraces(OTLPJSONFixture.traces(spans: spans))
        let attributes = decoded.data.resourceSpans[0].scopeSpans[0].spans.flatMap(\.attributes)
        #expect(attributes.count == 50)
        #expect(Set(attributes) == [KeyValue("http.response.status_code", .string("a.fairly.long.repeated.value"))])
    }
}

import JSONToolkit
import TraceModel

/// Span links, which Zipkin has no field for: the OpenTelemetry Collector's Zipkin exporter writes link N as
/// the tag `otlp.link.N` = `traceId|spanId|traceState|{attributes as JSON}|dropped attributes count`, and its
/// receiver reads them back; so do we. A tag that does not parse is left as an attribute, not lost.
enum ZipkinLinkTag {
    static func take(from tags: inout ZipkinTags) -> [SpanLink] {
        var links: [SpanLink] = []
        // The Collector numbers them from 0 and stops at the first gap (and at 128).
        for index in 0..<128 {
            let key = "otlp.link.\(index)"
            guard let value = tags.peek(key) else { break }
            guard let link = link(from: value) else { continue }
            _ = tags.take(key)
            links.append(link)
        }
        return links
    }

    private static func link(from value: String) -> SpanLink? {
        let parts = value.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let traceID = TraceID(hex: parts[0]), let spanID = SpanID(hex: parts[1]) else { return nil }
        // The last part is `{attributes}|dropped`; the attributes' JSON may itself contain `|`.
        let tail = parts[3]
        guard let bar = tail.lastIndex(of: "|") else { return nil }
        let dropped = UInt32(tail[tail.index(after: bar)...]) ?? 0
        var attributes: [KeyValue] = []
        let json = String(tail[..<bar])
        if !json.isEmpty {
            guard case .object(let object)? = try? JSONValue.parse(json) else { return nil }
            attributes = object.members.map { KeyValue($0.key, $0.value.anyValue) }
        }
        return SpanLink(
            traceID: traceID, spanID: spanID, traceState: String(parts[2]), attributes: attributes, droppedAttributesCount: dropped)
    }
}

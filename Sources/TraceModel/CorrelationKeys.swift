/// Which attribute keys carry a correlation id, and how ids are read from them.
///
/// A correlation id (X-Correlation-ID, X-Request-ID) is set once at the edge and carried through every hop, so
/// unlike a trace id it ties together several traces (retries, async hops through a broker, a saga's steps) and
/// logs that belong to no trace at all. The same keys are read from span attributes, resource attributes and the
/// attributes of log records (structured log lines keep their correlation field under its original key).
package struct CorrelationKeys: Hashable, Sendable {
    /// Application spellings, and the semantic-convention spelling of the two request headers
    /// (`http.request.header.<lowercase name>`, a string array).
    package static let defaultKeys: [String] = [
        "correlation_id", "correlation.id", "correlationId", "x-correlation-id",
        "request_id", "request.id", "x-request-id",
        "http.request.header.x-correlation-id", "http.request.header.x-request-id"
    ]

    /// Ids kept per span or log record: a client could send an array of a million ids, and each id becomes an
    /// index row. Eight covers a request id, a correlation id and a few retries' ids.
    package static let maxIDsPerItem = 8
    /// Longest id kept, in UTF-8 bytes; a longer value is cut at a Unicode scalar boundary. Real ids are UUIDs or
    /// shorter (36 bytes); the bound keeps index rows small.
    package static let maxIDBytes = 256

    /// Keys in the order they were configured (matching is exact: attribute keys are case-sensitive).
    package let keys: [String]
    private let keySet: AttributeKeySet

    package init(_ keys: [String] = CorrelationKeys.defaultKeys) {
        self.keys = keys
        self.keySet = AttributeKeySet(keys)
    }

    /// The correlation ids among these attributes, in the order they appear, each once. Strings count, integers
    /// count as their decimal text, each element of an array counts; empty strings and other types are ignored.
    package func ids(in attributes: [KeyValue]) -> [String] {
        var collector = Collector()
        collect(attributes, into: &collector)
        return collector.ids
    }

    /// A span's correlation ids: its own attributes first, then its resource's.
    package func ids(of span: Span, resource: Resource) -> [String] {
        ids(of: span, resourceIDs: ids(in: resource.attributes))
    }

    /// A span's correlation ids given its resource's (`ids(in: resource.attributes)`): the spans of a request
    /// share a resource, so its attributes are looked at once, not once per span.
    package func ids(of span: Span, resourceIDs: [String]) -> [String] {
        var collector = Collector()
        collect(span.attributes, into: &collector)
        for id in resourceIDs { collector.add(.string(id)) }
        return collector.ids
    }

    /// A log record's correlation ids: its own attributes first, then its resource's.
    package func ids(of record: LogRecord, resource: Resource) -> [String] {
        var collector = Collector()
        collect(record.attributes, into: &collector)
        collect(resource.attributes, into: &collector)
        return collector.ids
    }

    private func collect(_ attributes: [KeyValue], into collector: inout Collector) {
        for attribute in attributes where !collector.isFull && keySet.contains(attribute.key) {
            switch attribute.value {
            case .array(let elements):
                // Nested arrays are not ids: only the elements themselves are read.
                for element in elements { collector.add(element) }
            default:
                collector.add(attribute.value)
            }
        }
    }

    /// The bounded, de-duplicated list being built.
    private struct Collector {
        private(set) var ids: [String] = []
        var isFull: Bool { ids.count >= CorrelationKeys.maxIDsPerItem }

        mutating func add(_ value: AnyValue) {
            guard !isFull else { return }
            let text: String
            switch value {
            case .string(let string): text = string
            case .int(let number): text = String(number)
            default: return
            }
            guard !text.isEmpty else { return }
            let id = Self.clipped(text)
            if !ids.contains(id) { ids.append(id) }
        }

        /// The longest prefix of whole characters that fits in `maxIDBytes`.
        private static func clipped(_ text: String) -> String {
            guard text.utf8.count > CorrelationKeys.maxIDBytes else { return text }
            var end = text.startIndex
            var used = 0
            for index in text.unicodeScalars.indices {
                let size = text.unicodeScalars[index].utf8.count
                if used + size > CorrelationKeys.maxIDBytes { break }
                used += size
                end = text.unicodeScalars.index(after: index)
            }
            return String(text.unicodeScalars[..<end])
        }
    }
}

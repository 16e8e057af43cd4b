import WireCodecs

/// One request a service's exporter would send: a batch of its spans, of its OTLP log records, or of its
/// legacy NDJSON log lines.
package struct DemoRequest: Hashable, Sendable {
    package enum Payload: Hashable, Sendable {
        case traces(TracesData)
        case logs(LogsData)
        /// Newline-terminated JSON objects, as posted to `/api/logs`.
        case ndjson([UInt8])
    }

    package var service: ShopService
    package var payload: Payload

    package init(service: ShopService, payload: Payload) {
        self.service = service
        self.payload = payload
    }

    /// The collector path this request goes to.
    package var path: String {
        switch payload {
        case .traces: return "/v1/traces"
        case .logs: return "/v1/logs"
        case .ndjson: return "/api/logs"
        }
    }

    package var spanCount: Int {
        if case .traces(let data) = payload { return data.spanCount }
        return 0
    }

    package var logCount: Int {
        switch payload {
        case .traces: return 0
        case .logs(let data): return data.logRecordCount
        case .ndjson(let bytes): return bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
    }
}

extension ShopService {
    /// The shipping service predates the OpenTelemetry rollout for its spans as for its logs: it still reports
    /// them with a Zipkin tracer, as Zipkin v2 JSON.
    var reportsSpansOverZipkin: Bool { self == .shipping }
}

extension DemoRequest {
    /// What the service itself sends to a collector: the legacy service's spans as Zipkin v2 JSON to
    /// `/api/v2/spans`, everything else as `encoded(wire)`. Dumps keep `encoded(wire)` (OTLP files).
    package func encodedForCollector(_ wire: WireProtocol) -> EncodedRequest {
        guard service.reportsSpansOverZipkin, case .traces(let data) = payload else { return encoded(wire) }
        return EncodedRequest(
            path: "/api/v2/spans", contentType: "application/json", body: ZipkinV2JSON.encode(data), spanCount: spanCount,
            logCount: 0, service: service)
    }
}

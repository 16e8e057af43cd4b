import Foundation
import TraceModel
import WireCodecs

/// Runs `scripts/e2e/zipkin_export.py`: the real OpenTelemetry Python SDK with its Zipkin JSON exporter (from
/// PyPI) sending to the collector; returns the ids and times the SDK reports it produced. (The protobuf exporter
/// no longer runs with a current protobuf library: see the script.)
enum ZipkinSender {
    struct Report: Decodable {
        struct Event: Decodable {
            var name: String
            var micros: UInt64
        }
        struct ReportedSpan: Decodable {
            var traceId: String
            var spanId: String
            var parentSpanId: String
            var name: String
            var startMicros: UInt64
            var durationMicros: UInt64
            var events: [Event]
        }
        var spans: [ReportedSpan]
    }

    static func export(to endpoint: String) throws -> Report {
        try JSONDecoder().decode(Report.self, from: PythonSDK.runScript("zipkin_export.py", ["--endpoint", endpoint]))
    }
}

/// A stored span as the query API gives it back (`GET /api/traces/{id}?format=otlp`), with its resource and scope.
struct QueriedSpan {
    var span: Span
    var serviceName: String
    var scope: InstrumentationScope

    static func trace(_ base: String, _ traceID: String) async throws -> [QueriedSpan] {
        let response = try await HTTP.get(base + "/api/traces/\(traceID)?format=otlp")
        guard response.status == 200 else { throw StoreError("trace \(traceID): \(response.status) \(response.text)") }
        let decoded = try OTLPJSON.decodeTraces(Array(response.body))
        return decoded.data.resourceSpans.flatMap { resourceSpans in
            resourceSpans.scopeSpans.flatMap { scopeSpans in
                scopeSpans.spans.map { QueriedSpan(span: $0, serviceName: resourceSpans.resource.serviceName, scope: scopeSpans.scope) }
            }
        }
    }
}

/// A port free at the moment of asking (for a second listener the test configures itself).
enum FreePort {
    static func find() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(socketFD, pointer, length) == 0 && getsockname(socketFD, pointer, &length) == 0
            }
        }
        guard bound else { throw StoreError("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

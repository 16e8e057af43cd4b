import Foundation
import TraceModel
import WireCodecs

/// Raw gRPC calls over HTTP/2 through `scripts/e2e/grpc_raw.py` (the h2 package): frames grpcio would never send
/// (a compressed flag without `grpc-encoding`, a length prefix that lies, a stream never finished).
enum RawGRPC {
    struct Call: Encodable {
        var path = "/opentelemetry.proto.collector.trace.v1.TraceService/Export"
        var message = ""
        var compressed = false
        var encoding: String?
        var length: Int?
        var finish = true
        var send = true
        var headers: [String: String] = [:]
        /// A compressed-flag byte other than the one `compressed` implies.
        var flag: Int?
        /// DATA frames of at most this many bytes (a message and its length prefix split across frames).
        var chunk: Int?
        /// Bytes left off the end of the framed message (prefix included).
        var cut: Int?

        init(path: String = "/opentelemetry.proto.collector.trace.v1.TraceService/Export", bytes: [UInt8] = []) {
            self.path = path
            message = bytes.map { String(format: "%02x", $0) }.joined()
        }
    }

    struct Answer: Decodable {
        var httpStatus: Int?
        var grpcStatus: Int?
        var grpcMessage: String?
        var metadata: [String: String]
        var message: String
        var seconds: Double?
        var reset: Int?
    }

    static func call(port: Int, _ calls: [Call], timeout: Double = 20) async throws -> [Answer] {
        let input = try JSONEncoder().encode(calls)
        return try await offThePool {
            let run = try PythonScript.run("grpc_raw.py", ["--port", "\(port)", "--timeout", "\(timeout)"], input: input)
            guard run.status == 0 else { throw StoreError("grpc_raw.py failed: \(run.errors)") }
            return try JSONDecoder().decode([Answer].self, from: run.output)
        }
    }

    /// An `ExportTraceServiceRequest` of `count` spans in one trace.
    static func traces(_ traceID: TraceID, count: Int = 3, service: String = "grpc-raw") -> [UInt8] {
        let spans = (0..<count).map { index in
            Span(
                traceID: traceID, spanID: SpanID(UInt64(index + 1)), name: "op-\(index)", startTimeUnixNano: 1_000_000,
                endTimeUnixNano: 2_000_000)
        }
        let resource = Resource(attributes: [KeyValue("service.name", .string(service))])
        return OTLPProtobuf.encode(TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(spans: spans)])]))
    }
}

import GRPCCore
import GRPCNIOTransportHTTP2

/// Sends OTLP requests as OTLP/gRPC unary `Export` calls (grpc-swift's HTTP/2 client, gzip), the way a service
/// whose SDK is configured with `OTEL_EXPORTER_OTLP_PROTOCOL=grpc` does. Bodies are the protobuf the demo already
/// encodes; a raw-bytes codec hands them to the transport unchanged. UNAVAILABLE is retried like a 503.
package final class GRPCCollectorClient: Sendable {
    package let endpoint: String
    private let client: GRPCClient<HTTP2ClientTransport.Posix>
    private let token: String?
    private let retryPolicy: RetryPolicy
    private let compression: Bool

    /// `compression`: gzip each message, as SDKs do by default.
    package init(host: String, port: Int, token: String? = nil, retryPolicy: RetryPolicy = RetryPolicy(), compression: Bool = true) throws {
        endpoint = "\(host):\(port)"
        client = GRPCClient(
            transport: try HTTP2ClientTransport.Posix(target: .ipv4(address: host, port: port), transportSecurity: .plaintext))
        self.token = token
        self.retryPolicy = retryPolicy
        self.compression = compression
    }

    /// Runs the client's connections for the length of `body`: grpc-swift's client needs a task driving it.
    package func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { [client] in
                try await client.runConnections()
                return nil
            }
            do {
                let result = try await body()
                client.beginGracefulShutdown()
                return result
            } catch {
                client.beginGracefulShutdown()
                throw error
            }
        }
    }

    static let traces = MethodDescriptor(fullyQualifiedService: "opentelemetry.proto.collector.trace.v1.TraceService", method: "Export")
    static let logs = MethodDescriptor(fullyQualifiedService: "opentelemetry.proto.collector.logs.v1.LogsService", method: "Export")

    /// One Export call with `body` (an encoded `Export{Trace,Logs}ServiceRequest`), retried as `retryPolicy` says.
    package func export(_ body: [UInt8], logs: Bool = false) async -> SendOutcome {
        let method = logs ? Self.logs : Self.traces
        var metadata: Metadata = [:]
        if let token { metadata.addString("Bearer " + token, forKey: "authorization") }
        var options = CallOptions.defaults
        options.compression = compression ? .gzip : CompressionAlgorithm.none
        options.timeout = .seconds(10)
        var attempt = 0
        while true {
            attempt += 1
            let status: Int?
            let message: String
            do {
                let answer = try await client.unary(
                    request: ClientRequest(message: body, metadata: metadata), descriptor: method, serializer: RawBytes(),
                    deserializer: RawBytes(), options: options
                ) { response in try response.message }
                let (rejected, errorMessage) = ExportResponse.protobuf(answer)
                return SendOutcome(result: .accepted(rejected: rejected), retries: attempt - 1, message: errorMessage)
            } catch let error as RPCError {
                // UNAVAILABLE and RESOURCE_EXHAUSTED map to the HTTP statuses the retry policy knows.
                status = [.unavailable: 503, .resourceExhausted: 429, .deadlineExceeded: 504][error.code] ?? 400
                message = "\(method) answered \(error.code): \(error.message)"
            } catch {
                status = nil
                message = "\(method): \(error)"
            }
            guard let delay = retryPolicy.delay(afterAttempt: attempt, status: status, retryAfter: nil) else {
                return SendOutcome(result: .failed(status: status), retries: attempt - 1, message: message)
            }
            try? await Task.sleep(for: .seconds(delay))
        }
    }

    /// The demo's requests: `/v1/traces` and `/v1/logs` bodies, in protobuf.
    package func send(_ request: EncodedRequest) async -> SendOutcome {
        await export(request.body, logs: request.path == "/v1/logs")
    }
}

/// Bytes in, bytes out: the message is already OTLP protobuf.
struct RawBytes: MessageSerializer, MessageDeserializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes { Bytes(message) }
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}

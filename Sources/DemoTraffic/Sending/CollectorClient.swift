import Foundation
public import TrustedHTTP
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Posts encoded requests to a collector, retrying as `RetryPolicy` says.
public struct CollectorClient: Sendable {
    public let baseURL: URL
    public let token: String?
    public let retryPolicy: RetryPolicy
    private let session: URLSession
    /// Set with `--ca-cert`: requests go through it, since URLSession cannot trust an extra CA on Linux.
    private let trusting: TrustingHTTPClient?
    private let timeoutSeconds: Double
    /// Set for `--grpc-collector`: the requests of `grpcService` go there over OTLP/gRPC (CollectorClient+GRPC).
    public var grpc: GRPCCollectorClient?

    public init(
        baseURL: URL, token: String? = nil, retryPolicy: RetryPolicy = RetryPolicy(), timeoutSeconds: Double = 10,
        certificateAuthority: CertificateAuthority? = nil
    ) {
        self.baseURL = baseURL
        self.token = token
        self.retryPolicy = retryPolicy
        self.timeoutSeconds = timeoutSeconds
        trusting = certificateAuthority.map(TrustingHTTPClient.init(trusting:))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: EncodedRequest) async -> SendOutcome {
        if let grpc, exportsOverGRPC(request.service), request.contentType == "application/x-protobuf" { return await grpc.send(request) }
        var urlRequest = URLRequest(url: baseURL.appendingPathComponent(String(request.path.dropFirst())))
        urlRequest.httpMethod = "POST"
        urlRequest.setValue(request.contentType, forHTTPHeaderField: "Content-Type")
        if let token { urlRequest.setValue("Bearer " + token, forHTTPHeaderField: "Authorization") }
        urlRequest.httpBody = Data(request.body)
        var attempt = 0
        while true {
            attempt += 1
            let status: Int?
            let retryAfter: String?
            let message: String
            do {
                let (data, http) = try await post(urlRequest)
                status = http.status
                retryAfter = http.header("Retry-After")
                if let code = status, (200..<300).contains(code) {
                    let contentType = http.header("Content-Type") ?? ""
                    let (rejected, errorMessage) = ExportResponse.partialSuccess(Array(data), contentType: contentType)
                    return SendOutcome(result: .accepted(rejected: rejected), retries: attempt - 1, message: errorMessage)
                }
                message =
                    request.path + " answered " + String(status ?? 0) + ": "
                    + String(decoding: data.prefix(300), as: UTF8.self)
            } catch {
                status = nil
                retryAfter = nil
                message = request.path + ": " + ((error as? TrustingHTTPError)?.description ?? error.localizedDescription)
            }
            guard let delay = retryPolicy.delay(afterAttempt: attempt, status: status, retryAfter: retryAfter) else {
                return SendOutcome(result: .failed(status: status), retries: attempt - 1, message: message)
            }
            try? await Task.sleep(for: .seconds(delay))
        }
    }

    /// The status and the headers this client reads, from whichever transport is in use.
    private struct Answer {
        var status: Int
        var headers: [String: String]
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    private func post(_ request: URLRequest) async throws -> (Data, Answer) {
        if let trusting {
            let headers = (request.allHTTPHeaderFields ?? [:]).map { ($0.key, $0.value) }
            // Answers to ingest are small (a partial-success message at most).
            let answer = try await trusting.send(
                "POST", request.url!, headers: headers, body: request.httpBody.map(Array.init),
                timeoutSeconds: timeoutSeconds, maxResponseBytes: 1 << 20)
            let answerHeaders = Dictionary(answer.headers.map { ($0.name.lowercased(), $0.value) }) { first, _ in first }
            return (Data(answer.body), Answer(status: answer.status, headers: answerHeaders))
        }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for name in ["Retry-After", "Content-Type"] { headers[name.lowercased()] = http?.value(forHTTPHeaderField: name) }
        return (data, Answer(status: http?.statusCode ?? 0, headers: headers))
    }
}

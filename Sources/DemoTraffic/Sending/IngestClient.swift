import CollectorHTTP
import Foundation
import TraceModel

/// Posts encoded requests to a collector's ingest endpoints, retrying as `RetryPolicy` says.
package struct IngestClient: Sendable {
    package let baseURL: URL
    package let token: String?
    package let retryPolicy: RetryPolicy
    private let http: CollectorHTTPClient
    /// Set for `--grpc-collector`: the requests of `grpcService` go there over OTLP/gRPC (IngestClient+GRPC).
    package var grpc: GRPCCollectorClient?
    /// Answers to ingest are small (a partial-success message at most).
    static let maxResponseBytes = 1 << 20

    package init(
        baseURL: URL, token: String? = nil, retryPolicy: RetryPolicy = RetryPolicy(), timeoutSeconds: Double = 10,
        certificateAuthority: CertificateAuthority? = nil
    ) {
        self.baseURL = baseURL
        self.token = token
        self.retryPolicy = retryPolicy
        http = CollectorHTTPClient(
            baseURL: baseURL, certificateAuthority: certificateAuthority, timeoutSeconds: timeoutSeconds,
            maxResponseBytes: Self.maxResponseBytes)
    }

    package func send(_ request: EncodedRequest) async -> SendOutcome {
        if let grpc, exportsOverGRPC(request.service), request.contentType == "application/x-protobuf" { return await grpc.send(request) }
        let url = baseURL.appendingPathComponent(String(request.path.dropFirst()))
        var headers = [("Content-Type", request.contentType)]
        if let token { headers.append(("Authorization", "Bearer " + token)) }
        var attempt = 0
        while true {
            attempt += 1
            let status: Int?
            let retryAfter: String?
            let message: String
            do throws(CollectorHTTPError) {
                let answer = try await http.send("POST", url, headers: headers, body: request.body)
                status = answer.status
                retryAfter = answer.header("Retry-After")
                if (200..<300).contains(answer.status) {
                    let contentType = answer.header("Content-Type") ?? ""
                    let (rejected, errorMessage) = ExportResponse.partialSuccess(answer.body, contentType: contentType)
                    return SendOutcome(result: .accepted(rejected: rejected), retries: attempt - 1, message: errorMessage)
                }
                message =
                    request.path + " answered " + String(answer.status) + ": " + String(decoding: answer.body.prefix(300), as: UTF8.self)
            } catch {
                status = nil
                retryAfter = nil
                message = request.path + ": " + error.description
            }
            guard let delay = retryPolicy.delay(afterAttempt: attempt, status: status, retryAfter: retryAfter) else {
                return SendOutcome(result: .failed(status: status), retries: attempt - 1, message: message)
            }
            try? await Task.sleep(for: .seconds(delay))
        }
    }
}

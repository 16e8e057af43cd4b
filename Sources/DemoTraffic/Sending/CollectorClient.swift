import Foundation
import TraceModel
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts encoded requests to a collector, retrying as `RetryPolicy` says.
public struct CollectorClient: Sendable {
    public let baseURL: URL
    public let token: String?
    public let retryPolicy: RetryPolicy
    private let session: URLSession

    public init(baseURL: URL, token: String? = nil, retryPolicy: RetryPolicy = RetryPolicy(), timeoutSeconds: Double = 10) {
        self.baseURL = baseURL
        self.token = token
        self.retryPolicy = retryPolicy
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: EncodedRequest) async -> SendOutcome {
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
                let (data, response) = try await session.data(for: urlRequest)
                let http = response as? HTTPURLResponse
                status = http?.statusCode
                retryAfter = http?.value(forHTTPHeaderField: "Retry-After")
                if let code = status, (200..<300).contains(code) {
                    let contentType = http?.value(forHTTPHeaderField: "Content-Type") ?? ""
                    let (rejected, errorMessage) = ExportResponse.partialSuccess(Array(data), contentType: contentType)
                    return SendOutcome(result: .accepted(rejected: rejected), retries: attempt - 1, message: errorMessage)
                }
                message = request.path + " answered " + String(status ?? 0) + ": "
                    + String(decoding: data.prefix(300), as: UTF8.self)
            } catch {
                status = nil
                retryAfter = nil
                message = request.path + ": " + error.localizedDescription
            }
            guard let delay = retryPolicy.delay(afterAttempt: attempt, status: status, retryAfter: retryAfter) else {
                return SendOutcome(result: .failed(status: status), retries: attempt - 1, message: message)
            }
            try? await Task.sleep(for: .seconds(delay))
        }
    }
}

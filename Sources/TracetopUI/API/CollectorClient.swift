import Foundation
public import TrustedHTTP
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The one place the UI talks HTTP: builds the URL of an `APIRequest`, sends it with short timeouts and
/// decodes the envelope. Errors come back as values naming the URL and what went wrong.
public struct CollectorClient: Sendable {
    public let baseURL: URL
    private let token: String?
    private let session: URLSession
    /// Set with `--ca-cert`: requests go through it, since URLSession cannot trust an extra CA on Linux.
    private let trusting: TrustingHTTPClient?
    private let timeout: TimeInterval
    /// Answers larger than this are refused rather than decoded (a 10,000-span trace is a few MB).
    static let maxResponseBytes = 64 << 20

    public init(baseURL: URL, token: String?, timeout: TimeInterval = 5, certificateAuthority: CertificateAuthority? = nil) {
        self.baseURL = baseURL
        self.token = token
        self.timeout = timeout
        trusting = certificateAuthority.map(TrustingHTTPClient.init(trusting:))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        configuration.httpMaximumConnectionsPerHost = 4
        session = URLSession(configuration: configuration)
    }

    /// Parses `--collector` text: a scheme is required so typos fail early with a clear message.
    public static func baseURL(from text: String) throws(ClientError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ClientError("collector URL '\(text)' must look like http://127.0.0.1:4318")
        }
        return url
    }

    public func url(for request: APIRequest) -> URL {
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
        let base =
            components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
        components.percentEncodedPath =
            base + "/"
            + request.pathSegments
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
            .joined(separator: "/")
        let items = request.queryItems
        components.queryItems = items.isEmpty ? nil : items.map { URLQueryItem(name: $0.0, value: $0.1) }
        // URLComponents leaves '+' alone, which servers read as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url!
    }

    public func send(_ request: APIRequest) async -> Result<APIPayload, ClientError> {
        let url = url(for: request)
        if let trusting { return await send(request, to: url, through: trusting) }
        var urlRequest = URLRequest(url: url)
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { urlRequest.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let data: Data, response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch {
            return .failure(ClientError("collector unreachable at \(baseURL.absoluteString): \(Self.reason(error))"))
        }
        guard data.count <= Self.maxResponseBytes else {
            return .failure(
                ClientError(
                    "answer from \(url.path) is \(data.count) bytes, over the \(Self.maxResponseBytes)-byte limit", collectorAnswered: true)
            )
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return Self.decode(request, status: status, body: data, path: url.path)
    }

    /// What `send` does once the answer's bytes have arrived. Public so `tracetop-bench` times exactly the
    /// client's path from received bytes to a payload.
    public static func decode(_ request: APIRequest, status: Int, body: Data, path: String) -> Result<APIPayload, ClientError> {
        ResponseDecoder.decode(request, status: status, body: body, path: path)
    }

    private func send(_ request: APIRequest, to url: URL, through client: TrustingHTTPClient) async -> Result<APIPayload, ClientError> {
        var headers = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        do {
            let answer = try await client.send(
                "GET", url, headers: headers, timeoutSeconds: timeout, maxResponseBytes: Self.maxResponseBytes)
            return ResponseDecoder.decode(request, status: answer.status, body: Data(answer.body), path: url.path)
        } catch {
            return .failure(ClientError("collector unreachable at \(baseURL.absoluteString): \(error.description)"))
        }
    }

    /// Foundation's messages are vague ("The operation could not be completed"); say what happened.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? URLError else { return error.localizedDescription }
        switch error.code {
        case .timedOut: return "no answer in time (is it overloaded?)"
        case .cannotConnectToHost: return "connection refused (is it running?)"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .networkConnectionLost: return "connection lost"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate: return "TLS failed"
        default: return error.localizedDescription
        }
    }
}

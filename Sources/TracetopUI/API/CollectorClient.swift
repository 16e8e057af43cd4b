import CollectorHTTP
import Foundation

/// The one place the UI talks HTTP: builds the URL of an `APIRequest`, sends it through `CollectorHTTPClient`
/// with short timeouts and decodes the answer. Errors come back as values naming the collector and the problem.
package struct CollectorClient: Sendable {
    package let baseURL: URL
    private let token: String?
    private let http: CollectorHTTPClient
    /// Answers larger than this are refused, reading no further (a 10,000-span trace is a few MB).
    static let maxResponseBytes = 64 << 20

    package init(baseURL: URL, token: String?, timeout: TimeInterval = 5, certificateAuthority: CertificateAuthority? = nil) {
        self.baseURL = baseURL
        self.token = token
        http = CollectorHTTPClient(
            baseURL: baseURL, certificateAuthority: certificateAuthority, timeoutSeconds: timeout, maxResponseBytes: Self.maxResponseBytes)
    }

    /// Parses `--collector` text: a scheme is required so typos fail early with a clear message.
    package static func baseURL(from text: String) throws(ClientError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ClientError("collector URL '\(text)' must look like http://127.0.0.1:4318")
        }
        return url
    }

    package func url(for request: APIRequest) -> URL {
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

    package func send(_ request: APIRequest) async -> Result<APIPayload, ClientError> {
        let url = url(for: request)
        var headers = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        do throws(CollectorHTTPError) {
            let answer = try await http.send("GET", url, headers: headers)
            return ResponseDecoder.decode(request, status: answer.status, body: Data(answer.body), path: url.path)
        } catch {
            return .failure(ClientError(error.description, collectorAnswered: error.collectorAnswered))
        }
    }

    /// What `send` does once the answer's bytes have arrived. Public so `tracetop-bench` times exactly the
    /// client's path from received bytes to a payload.
    package static func decode(_ request: APIRequest, status: Int, body: Data, path: String) -> Result<APIPayload, ClientError> {
        ResponseDecoder.decode(request, status: status, body: body, path: path)
    }
}

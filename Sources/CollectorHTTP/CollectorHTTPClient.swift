import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The one HTTP client of tracetop and tracetop-demo: AsyncHTTPClient (SwiftNIO and BoringSSL), trusting the
/// system's roots plus, with `--ca-cert`, a `CertificateAuthority` (URLSession on Linux cannot: it runs on libcurl
/// with the system's bundle only). Every failure is a `CollectorHTTPError` naming the collector and the problem;
/// an answer is read only up to `maxResponseBytes`.
package struct CollectorHTTPClient: Sendable {
    package struct Response: Sendable {
        package var status: Int
        package var headers: [(name: String, value: String)]
        package var body: [UInt8]

        package func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// The collector's base URL, named in every error.
    package let baseURL: URL
    private let timeoutSeconds: Double
    private let maxResponseBytes: Int
    private let client: HTTPClient

    package init(baseURL: URL, certificateAuthority: CertificateAuthority? = nil, timeoutSeconds: Double, maxResponseBytes: Int) {
        self.baseURL = baseURL
        self.timeoutSeconds = timeoutSeconds
        self.maxResponseBytes = maxResponseBytes
        client = Self.shared(trusting: certificateAuthority)
    }

    /// Sends one request to `url` (under `baseURL`).
    package func send(
        _ method: String, _ url: URL, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws(CollectorHTTPError) -> Response {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
        } catch {
            throw CollectorHTTPError(collector: baseURL, problem: .unreachable(CollectorHTTPError.reason(error)))
        }
        // A declared length over the limit is refused before a byte of the body is read; otherwise reading stops
        // at the limit (collect throws as soon as it is passed, and the connection is dropped).
        if let length = response.headers.first(name: "content-length").flatMap({ Int($0) }), length > maxResponseBytes {
            throw CollectorHTTPError(collector: baseURL, problem: .tooLarge(path: url.path, limit: maxResponseBytes))
        }
        do {
            let collected = try await response.body.collect(upTo: maxResponseBytes)
            return Response(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                body: Array(collected.readableBytesView))
        } catch is NIOTooManyBytesError {
            throw CollectorHTTPError(collector: baseURL, problem: .tooLarge(path: url.path, limit: maxResponseBytes))
        } catch {
            throw CollectorHTTPError(collector: baseURL, problem: .unreachable(CollectorHTTPError.reason(error)))
        }
    }

    /// One client per trust configuration for the life of the process: AsyncHTTPClient must be shut down before
    /// it is released, and a client is cheap to keep while its idle connections are pooled.
    private static let clients = Mutex<[CertificateAuthority?: HTTPClient]>([:])

    private static func shared(trusting authority: CertificateAuthority?) -> HTTPClient {
        clients.withLock { clients in
            if let client = clients[authority] { return client }
            var tls = TLSConfiguration.makeClientConfiguration()
            if let authority { tls.additionalTrustRoots = [.certificates(authority.certificates)] }
            var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
            // A refused connection is said at once, as the clients retry on their own terms (tracetop's next
            // refresh, the demo's RetryPolicy), rather than retried until the request's deadline.
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[authority] = client
            return client
        }
    }
}

/// What went wrong talking to a collector, in words: `collector unreachable at URL: connection refused (is it
/// running?)`, or an answer over the size limit.
package struct CollectorHTTPError: Error, CustomStringConvertible, Sendable, Hashable {
    package enum Problem: Sendable, Hashable {
        /// No answer: refused, timed out, TLS failed, …; the reason in words.
        case unreachable(String)
        /// The collector answered more than the client reads.
        case tooLarge(path: String, limit: Int)
    }

    package let collector: String
    package let problem: Problem

    init(collector: URL, problem: Problem) {
        self.collector = collector.absoluteString
        self.problem = problem
    }

    /// The collector answered (the request reached it), as opposed to not being reachable at all.
    package var collectorAnswered: Bool {
        if case .tooLarge = problem { return true }
        return false
    }

    package var description: String {
        switch problem {
        case .unreachable(let reason): return "collector unreachable at \(collector): \(reason)"
        case .tooLarge(let path, let limit): return "answer from \(collector) \(path) is over the \(limit)-byte limit"
        }
    }

    /// TLS failures say so (the usual cause is a certificate the authority did not sign).
    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout:
            return "no answer in time (is it overloaded?)"
        case is NIOSSLError, is BoringSSLError:
            return "TLS failed (is the certificate signed by the --ca-cert authority?): \(error)"
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return "connection refused (is it running?)"
        case let error as NIOConnectionError:
            return error.connectionErrors.first.map { reason($0.error) } ?? "cannot connect (\(error))"
        default:
            return "\(error)"
        }
    }
}

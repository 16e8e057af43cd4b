import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// HTTP(S) that also trusts a `CertificateAuthority`. URLSession cannot do that on Linux: it runs on libcurl
/// with the system's CA bundle, serves no server-trust challenge to a delegate, and reads its
/// `URLSessionCertificateAuthorityInfoFile` variable only on Android. AsyncHTTPClient (SwiftNIO and BoringSSL)
/// takes extra trust roots on every platform; the clients use it only when `--ca-cert` is given.
public struct TrustingHTTPClient: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    private let client: HTTPClient

    public init(trusting authority: CertificateAuthority) {
        client = Self.shared(for: authority)
    }

    /// Sends one request; the answer's body is refused past `maxResponseBytes`.
    public func send(
        _ method: String, _ url: URL, headers: [(String, String)] = [], body: [UInt8]? = nil,
        timeoutSeconds: Double, maxResponseBytes: Int
    ) async throws(TrustingHTTPError) -> Response {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
            let collected = try await response.body.collect(upTo: maxResponseBytes)
            return Response(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                body: Array(collected.readableBytesView))
        } catch {
            throw TrustingHTTPError(error)
        }
    }

    /// One client per authority for the life of the process: AsyncHTTPClient must be shut down before it is
    /// released, and a client is cheap to keep while its idle connections are pooled.
    private static let clients = Mutex<[CertificateAuthority: HTTPClient]>([:])

    private static func shared(for authority: CertificateAuthority) -> HTTPClient {
        clients.withLock { clients in
            if let client = clients[authority] { return client }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.certificates(authority.certificates)]
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
            clients[authority] = client
            return client
        }
    }
}

/// What went wrong, in words: TLS failures say so (the usual cause is a certificate the authority did not sign).
public struct TrustingHTTPError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ error: any Error) {
        switch error {
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout:
            description = "no answer in time (is it overloaded?)"
        case is NIOTooManyBytesError:
            description = "the answer is over the size limit"
        case is NIOSSLError, is BoringSSLError:
            description = "TLS failed (is the certificate signed by the --ca-cert authority?): \(error)"
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            description = "connection refused (is it running?)"
        default:
            description = "\(error)"
        }
    }
}

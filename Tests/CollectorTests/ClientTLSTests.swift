import Collector
import CollectorHTTP
@testable import DemoTraffic
import Foundation
import Testing
import TraceStore
import TracetopUI

/// tracetop and tracetop-demo against a collector serving HTTPS with a self-signed certificate (made with openssl
/// at test time): with `--ca-cert` naming it they get through, without it (or with another certificate) they are
/// refused, and say it was TLS.
@Suite struct ClientTLSTests {
    private static let token = "tls-token"

    private static func withHTTPSCollector(
        _ body: @Sendable (_ base: URL, _ certificate: String, _ other: String, LiveCollector) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-client-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try TLSTests.makeCertificate(in: directory)
        let otherDirectory = directory.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: otherDirectory, withIntermediateDirectories: true)
        let other = try TLSTests.makeCertificate(in: otherDirectory)
        try await LiveCollector.with(configure: {
            $0.tls = files; $0.access = AccessTokens(ingest: Self.token, query: Self.token)
        }) { live in
            try await body(URL(string: "https://127.0.0.1:\(live.port)")!, files.certificatePath, other.certificatePath, live)
        }
    }

    @Test func tracetopTrustsTheGivenCertificateAndOnlyThat() async throws {
        try await Self.withHTTPSCollector { base, certificate, other, _ in
            let trusting = TracetopUI.CollectorClient(
                baseURL: base, token: Self.token, certificateAuthority: try CertificateAuthority(path: certificate))
            let answer = await trusting.send(.correlation(id: "none"))
            #expect((try? answer.get()) != nil, "with --ca-cert: \(answer)")

            let plain = await TracetopUI.CollectorClient(baseURL: base, token: Self.token).send(.correlation(id: "none"))
            let refused = try #require(plain.failureMessage, "without --ca-cert the self-signed certificate was accepted")
            print("tracetop without --ca-cert: \(refused)")
            #expect(refused.contains("certificate") || refused.contains("TLS"), "\(refused)")

            let wrong = TracetopUI.CollectorClient(
                baseURL: base, token: Self.token, certificateAuthority: try CertificateAuthority(path: other))
            let wrongMessage = try #require(await wrong.send(.correlation(id: "none")).failureMessage, "another certificate was accepted")
            print("tracetop with another certificate: \(wrongMessage)")
            #expect(wrongMessage.contains("TLS failed"), "\(wrongMessage)")
        }
    }

    @Test func demoSendsThroughTheGivenCertificateAndOnlyThat() async throws {
        try await Self.withHTTPSCollector { base, certificate, _, live in
            let body = Array(HostileRequests.traces(service: "tls-demo").utf8)
            let request = EncodedRequest(
                path: "/v1/traces", contentType: "application/json", body: body, spanCount: 1, logCount: 0, service: .gateway)
            let once = RetryPolicy(maxAttempts: 1)
            let trusting = DemoTraffic.IngestClient(
                baseURL: base, token: Self.token, retryPolicy: once, certificateAuthority: try CertificateAuthority(path: certificate))
            let sent = await trusting.send(request)
            #expect(sent.result == .accepted(rejected: 0), "with --ca-cert: \(sent)")
            #expect(try await live.store.statistics().spanCount == 1)

            let refused = await DemoTraffic.IngestClient(baseURL: base, token: Self.token, retryPolicy: once).send(request)
            print("tracetop-demo without --ca-cert: \(refused.message ?? "")")
            #expect(refused.result == .failed(status: nil), "without --ca-cert: \(refused)")
            #expect(try await live.store.statistics().spanCount == 1)
        }
    }

    @Test func aFileWithoutACertificateIsAClearError() throws {
        #expect { try CertificateAuthority(path: "/nonexistent/ca.pem") } throws: {
            "\($0)".contains("--ca-cert: cannot read a PEM certificate from '/nonexistent/ca.pem'")
        }
    }
}

private extension Result where Failure == ClientError {
    var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}

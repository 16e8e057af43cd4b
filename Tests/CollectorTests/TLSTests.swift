import Collector
import Foundation
import Logging
import Testing

/// HTTPS with `--tls-cert`/`--tls-key`: a certificate made with openssl at test time, checked by curl
/// against that certificate (so the test proves a real TLS handshake, not just an open port).
@Suite struct TLSTests {
    /// The exit status, and everything it printed (output and errors, in the order written).
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let finished = try SpawnedProcess.run(executable, arguments, errorsToOutput: true)
        return (finished.status, String(decoding: finished.output, as: UTF8.self))
    }

    /// A self-signed certificate for 127.0.0.1, valid for a day.
    static func makeCertificate(in directory: URL) throws -> TLSFiles {
        let files = TLSFiles(
            certificatePath: directory.appendingPathComponent("cert.pem").path,
            privateKeyPath: directory.appendingPathComponent("key.pem").path)
        let made = try run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", files.privateKeyPath, "-out", files.certificatePath
            ])
        try #require(made.status == 0, "openssl failed: \(made.output)")
        return files
    }

    @Test func servesHTTPSWithTheGivenCertificate() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try Self.makeCertificate(in: directory)
        try await LiveCollector.with(configure: {
            $0.tls = files; $0.access = AccessTokens(ingest: "t", query: "t")
        }) { live in
            let https = "https://127.0.0.1:\(live.port)/api/services"
            let trusted = try await offThePool {
                try Self.run(
                    "/usr/bin/curl",
                    [
                        "-sS", "--max-time", "10", "--cacert", files.certificatePath, "-H", "Authorization: Bearer t", "-w",
                        "\n%{http_code}", https
                    ])
            }
            #expect(trusted.status == 0, "\(trusted.output)")
            #expect(trusted.output.hasSuffix("\n200"), "\(trusted.output)")
            #expect(trusted.output.contains(#""data":[]"#))
            // Without the certificate the client refuses the server; plain HTTP gets no HTTP answer.
            let untrusted = try await offThePool { try Self.run("/usr/bin/curl", ["-sS", "--max-time", "10", https]) }
            #expect(untrusted.status != 0)
            let plain = try await offThePool {
                try Self.run(
                    "/usr/bin/curl",
                    ["-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(live.port)/api/services"])
            }
            #expect(plain.output.hasSuffix("000"), "\(plain.output)")
        }
    }

    @Test func unreadableCertificateIsAClearError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = CollectorConfiguration(port: 0, databasePath: directory.appendingPathComponent("t.db").path)
        configuration.tls = TLSFiles(certificatePath: "/nonexistent/cert.pem", privateKeyPath: "/nonexistent/key.pem")
        #expect {
            _ = try Collector.buildApplication(configuration: configuration, logger: .init(label: "t"))
        } throws: { error in
            "\(error)".contains("cannot read the TLS certificate /nonexistent/cert.pem")
        }
    }
}

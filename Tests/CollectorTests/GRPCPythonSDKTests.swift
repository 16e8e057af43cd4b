import Collector
import Foundation
import Testing
import TraceModel
import TraceStore

/// The real OpenTelemetry Python SDK with its OTLP/gRPC exporters (grpcio) against the live collector's gRPC port:
/// every span and log it reports having produced is stored, field by field, as over HTTP.
@Suite struct GRPCPythonSDKTests {
    @Test(arguments: ["gzip", "none"])
    func everySpanAndLogTheSDKSentOverGRPCIsStored(compression: String) async throws {
        try await LiveCollector.with { collector in
            let report = try await offThePool {
                try PythonSDK.export(to: collector.grpcEndpoint, protocol: "grpc", compression: compression)
            }
            try await PythonSDK.expectStored(report, in: collector.store)
        }
    }

    @Test func aRequiredTokenGivenIsAccepted() async throws {
        try await LiveCollector.with(configure: { $0.access = AccessTokens(ingest: "s3cret-ingest") }) { collector in
            let report = try await offThePool {
                try PythonSDK.export(to: collector.grpcEndpoint, protocol: "grpc", token: "s3cret-ingest")
            }
            try await PythonSDK.expectStored(report, in: collector.store)
        }
    }

    @Test(arguments: [nil, "wrong-token"])
    func aRequiredTokenMissingOrWrongIsUnauthenticated(token: String?) async throws {
        try await LiveCollector.with(configure: { $0.access = AccessTokens(ingest: "s3cret-ingest") }) { collector in
            let failure = await #expect(throws: PythonSDK.Missing.self) {
                try await offThePool { try PythonSDK.export(to: collector.grpcEndpoint, protocol: "grpc", token: token) }
            }
            #expect(failure?.description.contains("UNAUTHENTICATED") == true, "\(failure?.description ?? "")")
            let stored = try await collector.store.traceSummaries(TraceQuery(limit: 10))
            #expect(stored.isEmpty)
        }
    }

    /// TLS with the HTTP port's certificate and key: the SDK trusts that certificate and its exports are stored;
    /// a plaintext client gets nothing stored.
    @Test func tlsUsesTheSameCertificateAndKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-grpc-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try TLSTests.makeCertificate(in: directory)
        try await LiveCollector.with(configure: { $0.tls = files }) { collector in
            let endpoint = "https://127.0.0.1:\(collector.grpcPort)"
            let report = try await offThePool {
                try PythonSDK.export(to: endpoint, protocol: "grpc", caCertificate: files.certificatePath)
            }
            try await PythonSDK.expectStored(report, in: collector.store)
            await #expect(throws: PythonSDK.Missing.self) {
                try await offThePool { try PythonSDK.export(to: collector.grpcEndpoint, protocol: "grpc") }
            }
        }
    }
}

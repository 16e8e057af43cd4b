import Foundation
import Testing
import TraceModel
import TraceStore

/// The real OpenTelemetry Python SDK exports to the live collector; every span and log it reports having
/// produced must be in the store, field by field.
@Suite struct PythonSDKEndToEndTests {
    @Test(arguments: [("json", "gzip"), ("json", "none"), ("protobuf", "gzip"), ("protobuf", "none")])
    func everySpanAndLogTheSDKSentIsStored(wire: String, compression: String) async throws {
        try await LiveCollector.with { collector in
            let report = try await offThePool { try PythonSDK.export(to: collector.base, protocol: wire, compression: compression) }
            try await PythonSDK.expectStored(report, in: collector.store)
        }
    }
}

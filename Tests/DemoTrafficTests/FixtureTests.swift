import DemoTraffic
import Foundation
import JSONToolkit
import Testing
import TraceModel
import WireCodecs

/// `fixtures/demo-small` is what `tracetop-demo --dump` writes for seed 42 (its README has the command):
/// the collector accepts every file, and regenerating gives the same data.
@Suite struct FixtureTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/demo-small")

    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { ["json", "ndjson"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func fixtureDecodesWithNoRejections() throws {
        let files = try Self.files()
        #expect(files.count > 10)
        var spans = 0
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            if file.lastPathComponent.contains("-traces-") {
                let decoded = try OTLPJSON.decodeTraces(bytes)
                #expect(decoded.rejected.count == 0, "\(file.lastPathComponent): \(decoded.rejected.message)")
                spans += decoded.data.spanCount
            } else if file.lastPathComponent.contains("-logs-") {
                let decoded = try OTLPJSON.decodeLogs(bytes)
                #expect(decoded.rejected.count == 0, "\(file.lastPathComponent): \(decoded.rejected.message)")
            } else {
                for line in bytes.split(separator: UInt8(ascii: "\n")) {
                    guard case .object = try JSONValue.parse(Array(line)) else {
                        Issue.record("\(file.lastPathComponent): a line is not a JSON object")
                        continue
                    }
                }
            }
        }
        #expect(spans > 500)
    }

    @Test func fixtureIsWhatTheGeneratorProduces() throws {
        var simulator = ShopSimulator(seed: 42)
        let generated = simulator.generate(count: 80, start: 1_767_225_600_000_000_000, rate: 8)
        let files = try Self.files()
        try #require(files.count == generated.count, "regenerate fixtures/demo-small (see its README)")
        for (file, request) in zip(files, generated) {
            let bytes = try [UInt8](Data(contentsOf: file))
            #expect(file.lastPathComponent.contains("-" + request.service.name + "."))
            switch request.payload {
            case .traces(let traces): #expect(try OTLPJSON.decodeTraces(bytes).data == traces, "\(file.lastPathComponent)")
            case .logs(let logs): #expect(try OTLPJSON.decodeLogs(bytes).data == logs, "\(file.lastPathComponent)")
            case .ndjson(let lines): #expect(bytes == lines, "\(file.lastPathComponent)")
            }
        }
    }

    @Test func dumpRunWritesNumberedRequestFiles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("demo-dump-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = DemoRun(
            destination: .dump(directory), clock: .fixed(start: 1_767_225_600_000_000_000), seed: 3,
            rate: 20, traceLimit: 30)
        let summary = try await run.run()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names.count == summary.requests && summary.failedRequests == 0)
        #expect(names.first?.hasPrefix("0001-") == true)
        #expect(names.contains { $0.hasSuffix(".ndjson") } && names.contains { $0.contains("-logs-") })
    }

    @Test func protobufRequestsDecodeToTheSameData() throws {
        var simulator = ShopSimulator(seed: 11)
        let requests = simulator.generate(count: 40, start: 1_767_225_600_000_000_000)
        for request in requests {
            let encoded = request.encoded(.protobuf)
            switch request.payload {
            case .traces(let traces):
                #expect(encoded.contentType == "application/x-protobuf")
                let decoded = try OTLPProtobuf.decodeTraces(encoded.body)
                #expect(decoded.rejected.count == 0 && decoded.data == traces)
            case .logs(let logs):
                let decoded = try OTLPProtobuf.decodeLogs(encoded.body)
                #expect(decoded.rejected.count == 0 && decoded.data == logs)
            case .ndjson(let bytes):
                #expect(encoded.contentType == "application/x-ndjson" && encoded.body == bytes)
            }
        }
    }
}

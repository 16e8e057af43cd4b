import Foundation
@testable import TraceModel
@testable import WireCodecs

/// The read-only OTLP samples in `shared/otlp-samples/`, which CI places beside the package root.
enum OTLPJSONSamples {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TraceModelTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/otlp-samples")

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "sample not found: \(path) (shared/ must sit beside the package root)" }
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        let path = directory.appendingPathComponent(relativePath).path
        guard let data = FileManager.default.contents(atPath: path) else { throw Missing(path: path) }
        return [UInt8](data)
    }

    /// Non-empty lines of a `.jsonl` sample, one request body each.
    static func lines(_ relativePath: String) throws -> [[UInt8]] {
        try bytes(relativePath).split(separator: UInt8(ascii: "\n")).map(Array.init).filter { !$0.isEmpty }
    }

    /// A `.gz` sample decompressed with the system's gzip (the collector's own decompression is not this module's).
    static func gunzipped(_ relativePath: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", directory.appendingPathComponent(relativePath).path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Missing(path: relativePath) }
        return [UInt8](data)
    }
}

/// Small JSON documents for the decoding tables.
enum OTLPJSONFixture {
    static func decodeTraces(_ json: String) throws(OTLPDecodingError) -> DecodedTraces {
        try OTLPJSON.decodeTraces(Array(json.utf8))
    }

    static func decodeLogs(_ json: String) throws(OTLPDecodingError) -> DecodedLogs {
        try OTLPJSON.decodeLogs(Array(json.utf8))
    }

    /// The single span of a one-span document (nil when it was rejected).
    static func onlySpan(_ decoded: DecodedTraces) -> Span? {
        decoded.data.resourceSpans.first?.scopeSpans.first?.spans.first
    }

    /// Wraps span JSON in a minimal request.
    static func traces(spans: String) -> String {
        #"{"resourceSpans":[{"scopeSpans":[{"spans":["# + spans + "]}]}]}"
    }

    /// A minimal valid span with `extra` members appended.
    static func span(_ extra: String = "") -> String {
        #"{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"op""# + (extra.isEmpty ? "" : "," + extra) + "}"
    }
}

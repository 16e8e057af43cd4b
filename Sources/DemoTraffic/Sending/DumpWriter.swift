import Foundation

/// Writes requests as numbered files (`0001-traces-orders.json`, `0002-ndjson-shipping.ndjson`, …) instead
/// of sending them: for fixtures, and for replaying with curl.
package struct DumpWriter: Sendable {
    package let directory: URL
    private(set) var written = 0

    package init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
    }

    package mutating func write(_ request: EncodedRequest) throws {
        written += 1
        let kind = request.path == "/v1/traces" ? "traces" : request.path == "/v1/logs" ? "logs" : "ndjson"
        var number = String(written)
        while number.count < 4 { number = "0" + number }
        let name = number + "-" + kind + "-" + request.service.name + "." + request.fileExtension
        try Data(request.body).write(to: directory.appendingPathComponent(name))
    }
}

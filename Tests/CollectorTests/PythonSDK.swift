import Foundation
import TraceModel

/// Runs `scripts/e2e/otel_sdk_export.py` with the real OpenTelemetry Python SDK (installed by scripts/test into .venv)
/// and returns what the SDK reports it produced.
enum PythonSDK {
    struct Report: Decodable {
        struct Value: Decodable {
            var string: String?
            var bool: Bool?
            var int: String?
            var double: Double?
            var array: [Value]?

            var anyValue: AnyValue {
                if let string { return .string(string) }
                if let bool { return .bool(bool) }
                if let int, let number = Int64(int) { return .int(number) }
                if let double { return .double(double) }
                if let array { return .array(array.map(\.anyValue)) }
                return .empty
            }
        }
        struct Attribute: Decodable {
            var key: String
            var value: Value
        }
        struct Event: Decodable {
            var name: String
            var time: String
            var attributes: [Attribute]
        }
        struct Link: Decodable {
            var traceId: String
            var spanId: String
            var attributes: [Attribute]
        }
        struct Status: Decodable {
            var code: Int32
            var message: String
        }
        struct ReportedSpan: Decodable {
            var traceId: String
            var spanId: String
            var parentSpanId: String
            var name: String
            var kind: Int32
            var start: String
            var end: String
            var attributes: [Attribute]
            var events: [Event]
            var links: [Link]
            var status: Status
        }
        struct ReportedLog: Decodable {
            var body: String
            var severityNumber: Int32
            var traceId: String
            var spanId: String
        }
        var spans: [ReportedSpan]
        var logs: [ReportedLog]
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static var python: String {
        get throws {
            let candidates: [String?] = [
                ProcessInfo.processInfo.environment["TRACETOP_PYTHON"], Paths.packageRoot.appendingPathComponent(".venv/bin/python").path
            ]
            for case let path? in candidates where FileManager.default.isExecutableFile(atPath: path) { return path }
            throw Missing(description: "no Python with the OpenTelemetry SDK: run scripts/test (it creates .venv) or set TRACETOP_PYTHON")
        }
    }

    /// `wire`: json or protobuf (OTLP/HTTP, `endpoint` the collector's base URL) or grpc (OTLP/gRPC,
    /// `endpoint` http://127.0.0.1:GRPC_PORT). `token` goes out as `authorization: Bearer …`.
    static func export(
        to endpoint: String, protocol wire: String, compression: String = "gzip", token: String? = nil, caCertificate: String? = nil
    ) throws -> Report {
        let arguments =
            ["--endpoint", endpoint, "--protocol", wire, "--compression", compression]
            + (token.map { ["--token", $0] } ?? []) + (caCertificate.map { ["--ca-cert", $0] } ?? [])
        return try JSONDecoder().decode(Report.self, from: runScript("otel_sdk_export.py", arguments))
    }

    /// Runs `scripts/e2e/<script>` and returns its standard output; a failed export (which the SDK only logs) fails.
    static func runScript(_ script: String, _ arguments: [String]) throws -> Data {
        let run = try PythonScript.run(script, arguments)
        guard run.status == 0 else {
            throw Missing(description: "the Python exporter failed (\(run.status)): \(run.errors)")
        }
        // The SDK logs export failures to stderr but still exits 0: a failed export must fail the test.
        guard !["Failed to export", "Exception while exporting", "cannot be uploaded"].contains(where: { run.errors.contains($0) }) else {
            throw Missing(description: "export failed: \(run.errors)")
        }
        return run.output
    }
}

/// One run of a script in `scripts/e2e/` with the tests' Python: what it printed, what it complained of, how it
/// ended. `input` goes to its standard input.
enum PythonScript {
    struct Run {
        var output: Data
        var errors: String
        var status: Int32
    }

    static func run(_ script: String, _ arguments: [String] = [], input: Data? = nil) throws -> Run {
        let path = Paths.packageRoot.appendingPathComponent("scripts/e2e/" + script).path
        let finished = try SpawnedProcess.run(try PythonSDK.python, [path] + arguments, input: input)
        return Run(output: finished.output, errors: String(decoding: finished.errors, as: UTF8.self), status: finished.status)
    }
}

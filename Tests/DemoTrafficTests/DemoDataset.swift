import DemoTraffic
import JSONToolkit
import TraceModel
import WireCodecs

/// Generated telemetry flattened for the story tests: every span and log with the service that sent it.
struct DemoDataset: Sendable {
    struct ServiceSpan: Sendable {
        var service: String
        var span: Span
    }

    struct ServiceLog: Sendable {
        var service: String
        var record: LogRecord
    }

    var requests: [DemoRequest]
    var spans: [ServiceSpan] = []
    var logs: [ServiceLog] = []
    /// Legacy NDJSON lines, parsed.
    var lines: [JSONObject] = []

    init(_ requests: [DemoRequest]) {
        self.requests = requests
        for request in requests {
            switch request.payload {
            case .traces(let data):
                for resource in data.resourceSpans {
                    for scope in resource.scopeSpans {
                        for span in scope.spans { spans.append(ServiceSpan(service: resource.resource.serviceName, span: span)) }
                    }
                }
            case .logs(let data):
                for resource in data.resourceLogs {
                    for scope in resource.scopeLogs {
                        for record in scope.logRecords { logs.append(ServiceLog(service: resource.resource.serviceName, record: record)) }
                    }
                }
            case .ndjson(let bytes):
                for line in bytes.split(separator: UInt8(ascii: "\n")) {
                    if case .object(let object)? = try? JSONValue.parse(Array(line)) { lines.append(object) }
                }
            }
        }
    }

    /// The standard data set of these tests: seed 42, 400 client requests at 10 per second.
    static let standard = DemoDataset(generate(seed: 42))

    static let start: UInt64 = 1_767_225_600_000_000_000

    static func generate(seed: UInt64, count: Int = 400, start: UInt64 = start) -> [DemoRequest] {
        var simulator = ShopSimulator(seed: seed)
        return simulator.generate(count: count, start: start, rate: 10)
    }

    func spans(named name: String) -> [Span] { spans.filter { $0.span.name == name }.map(\.span) }

    func trace(_ id: TraceID) -> [Span] { spans.filter { $0.span.traceID == id }.map(\.span) }
}

extension Span {
    func attribute(_ key: String) -> AnyValue? { attributes[key: key] }
    var correlationID: String? { attribute("correlation_id")?.stringValue }
    var isError: Bool { status.code == .error }
}

extension JSONObject {
    func string(_ key: String) -> String? {
        if case .string(let value)? = self[key] { return value }
        return nil
    }
}

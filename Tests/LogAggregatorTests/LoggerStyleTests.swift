import LogAggregator
import Testing
import TraceModel

/// One line in the default JSON output of each common logger, as they write it (field names, time format, level).
@Suite struct LoggerStyleTests {
    struct Style: Sendable, CustomTestStringConvertible {
        let logger: String
        let line: String
        let nanos: UInt64
        let severity: Int32
        let body: String
        let service: String
        var testDescription: String { logger }
    }

    static let traceHex = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let spanHex = "00f067aa0ba902b7"

    @Test(arguments: [
        Style(
            logger: "pino",
            line: #"{"level":30,"time":1732490000123,"pid":4242,"hostname":"web-1","msg":"order placed","orderId":"o-1"}"#,
            nanos: novemberNanos + 123_000_000, severity: 9, body: "order placed", service: "unknown_service"),
        Style(
            logger: "bunyan",
            line:
                #"{"name":"orders","hostname":"web-1","pid":4242,"level":50,"msg":"payment failed","time":"2024-11-24T23:13:20.123Z","v":0}"#,
            nanos: novemberNanos + 123_000_000, severity: 17, body: "payment failed", service: "unknown_service"),
        Style(
            logger: "zap (production)",
            line: #"{"level":"warn","ts":1732490000.123456,"caller":"pay/charge.go:42","msg":"slow charge","service":"billing"}"#,
            nanos: novemberNanos + 123_456_000, severity: 13, body: "slow charge", service: "billing"),
        Style(
            logger: "logrus",
            line: #"{"level":"warning","msg":"retrying","time":"2024-11-25T00:13:20+01:00","app":"inventory"}"#,
            nanos: novemberNanos, severity: 13, body: "retrying", service: "inventory"),
        Style(
            logger: "zerolog",
            line: #"{"level":"error","service":"gateway","time":"2024-11-24T23:13:20Z","message":"upstream timeout"}"#,
            nanos: novemberNanos, severity: 17, body: "upstream timeout", service: "gateway"),
        Style(
            logger: "Go slog",
            line: #"{"time":"2024-11-24T23:13:20.000000001Z","level":"INFO","msg":"listening","port":8080}"#,
            nanos: novemberNanos + 1, severity: 9, body: "listening", service: "unknown_service"),
        Style(
            logger: "Elastic ECS (Java, Python, Node)",
            line:
                #"{"@timestamp":"2024-11-24T23:13:20.250Z","log.level":"ERROR","message":"db down","ecs.version":"1.6.0","service.name":"orders","trace.id":"\#(traceHex)","span.id":"\#(spanHex)"}"#,
            nanos: novemberNanos + 250_000_000, severity: 17, body: "db down", service: "orders"),
        Style(
            logger: "logstash-logback-encoder",
            line:
                #"{"@timestamp":"2024-11-25T00:13:20.250+01:00","@version":"1","message":"started","logger_name":"App","thread_name":"main","level":"INFO","level_value":20000}"#,
            nanos: novemberNanos + 250_000_000, severity: 9, body: "started", service: "unknown_service"),
        Style(
            logger: "Google Cloud structured logging",
            line:
                #"{"severity":"CRITICAL","message":"out of memory","timestamp":"2024-11-24T23:13:20Z","logging.googleapis.com/trace":"projects/p/traces/x"}"#,
            nanos: novemberNanos, severity: 21, body: "out of memory", service: "unknown_service"),
        Style(
            logger: "Python logging with a JSON formatter",
            line: #"{"time":"2024-11-24 23:13:20,500","lvl":"CRITICAL","msg":"disk full","app":"worker","module":"jobs"}"#,
            nanos: novemberNanos + 500_000_000, severity: 21, body: "disk full", service: "worker"),
        Style(
            logger: ".NET / Serilog (renamed fields)",
            line: #"{"timestamp":"2024-11-24T23:13:20.1234567+00:00","level":"Information","message":"GET /health","service":"api"}"#,
            nanos: novemberNanos + 123_456_700, severity: 9, body: "GET /health", service: "api"),
        Style(
            logger: "syslog-style",
            line: #"{"ts":"1732490000","severity":"notice","msg":"config reloaded","app":"edge"}"#,
            nanos: novemberNanos, severity: 10, body: "config reloaded", service: "edge"),
        Style(
            logger: "OpenTelemetry-style severity numbers",
            line:
                #"{"timestamp":"1732490000000000000","severity":"19","body":"charge declined","service.name":"billing","traceparent":"00-\#(traceHex)-\#(spanHex)-01"}"#,
            nanos: novemberNanos, severity: 19, body: "charge declined", service: "billing")
    ])
    func readsTheLoggersOwnOutput(_ style: Style) throws {
        let (record, service) = try onlyRecord(style.line)
        #expect(record.timeUnixNano == style.nanos)
        #expect(record.severityNumber == style.severity)
        #expect(record.body == .string(style.body))
        #expect(service == style.service)
        if style.line.contains(Self.traceHex) {
            #expect(record.traceID?.hex == Self.traceHex)
            #expect(record.spanID?.hex == Self.spanHex)
        }
    }
}

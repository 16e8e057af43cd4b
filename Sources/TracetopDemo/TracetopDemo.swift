import ArgumentParser
import CollectorHTTP
import DemoTraffic
import Foundation
import TraceModel

/// `tracetop-demo`: parses arguments and hands a `DemoRun` to the library, which does the work.
@main
struct TracetopDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracetop-demo",
        abstract: "Simulates a microservices shop and sends its traces and logs to a tracetop collector.",
        discussion: """
            Live (default): timestamps are now and requests arrive in real time at --rate until --duration \
            or Ctrl-C. With --start the timestamps begin there and requests are sent as fast as they are \
            taken. With --dump DIR the requests are written as files instead of sent.
            """)

    @Option(help: "Collector base URL.")
    var collector: String = "http://127.0.0.1:4318"

    @Option(
        help: ArgumentHelp(
            "OTLP/gRPC endpoint the orders service exports to (host:port or http://host:port), or off. Default: the --collector host on 4317 when --collector is plain http, else off.",
            valueName: "endpoint"))
    var grpcCollector: String = "auto"

    @Option(help: "Client requests (traces) per second at the gateway.")
    var rate: Double = 5

    @Option(help: "How long to run: seconds, or with a unit (500ms, 30s, 5m, 1h). Default: until stopped.")
    var duration: String?

    @Option(help: "Stop after this many client requests.")
    var traces: Int?

    @Option(help: "Seed: the same seed gives the same traces and logs.")
    var seed: UInt64 = 42

    @Option(name: .customLong("protocol"), help: "OTLP encoding: json or protobuf.")
    var wire: String = "json"

    @Option(help: "Bearer token for the collector.")
    var token: String?

    @Option(
        help: ArgumentHelp(
            "PEM file of a CA (or the collector's self-signed certificate) to trust for https, besides the system's (env TRACETOP_CA_CERT).",
            valueName: "path"))
    var caCert: String?

    @Option(help: "Write the requests as files into this directory instead of sending them.")
    var dump: String?

    @Option(
        help:
            "First timestamp: now, Unix seconds, or RFC 3339 (2026-01-01T00:00:00Z). Default: now when sending live, 2026-01-01T00:00:00Z with --dump."
    )
    var start: String?

    func validate() throws {
        guard rate > 0, rate <= 100_000, rate.isFinite else {
            throw ValidationError("--rate must be a number of traces per second between 0 (exclusive) and 100000, not \(rate)")
        }
        if let duration { _ = try Self.seconds(duration) }
        if let traces, traces <= 0 { throw ValidationError("--traces must be positive, not \(traces)") }
        guard WireProtocol(rawValue: wire) != nil else {
            throw ValidationError("--protocol must be json or protobuf, not \"\(wire)\"")
        }
        if dump != nil, duration == nil, traces == nil {
            throw ValidationError("--dump needs --traces N or --duration, or it would write files forever")
        }
        if dump == nil {
            guard let url = URL(string: collector), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ValidationError("--collector must be an http(s) URL such as http://127.0.0.1:4318, not \"\(collector)\"")
            }
        }
        if dump == nil { _ = try grpcEndpoint() }
        if let start { _ = try Self.startNanos(start) }
        if let path = caCertPath { _ = try Self.authority(path) }
    }

    /// Where the gRPC-exporting service sends, from `--grpc-collector`; nil for off.
    private func grpcEndpoint() throws -> (host: String, port: Int)? {
        let text = grpcCollector.trimmingCharacters(in: .whitespaces)
        if text == "off" { return nil }
        if text == "auto" {
            guard let url = URL(string: collector), url.scheme == "http", let host = url.host else { return nil }
            return (host == "localhost" ? "127.0.0.1" : host, 4317)
        }
        let address = text.hasPrefix("http://") ? String(text.dropFirst(7)) : text
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (1...65535).contains(port),
            colon > address.startIndex
        else {
            throw ValidationError(
                "--grpc-collector must be host:port (such as 127.0.0.1:4317), http://host:port, auto or off, not \"\(grpcCollector)\"")
        }
        let host = String(address[..<colon])
        return (host == "localhost" ? "127.0.0.1" : host, port)
    }

    /// The flag, or the environment variable the UI reads too.
    private var caCertPath: String? {
        caCert ?? ProcessInfo.processInfo.environment["TRACETOP_CA_CERT"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func authority(_ path: String) throws -> CertificateAuthority {
        do { return try CertificateAuthority(path: path) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        let destination: DemoRun.Destination
        if let dump {
            destination = .dump(URL(fileURLWithPath: dump, isDirectory: true))
        } else {
            let authority = try caCertPath.map(Self.authority)
            var client = IngestClient(baseURL: URL(string: collector)!, token: token, certificateAuthority: authority)
            client.grpc = try grpcEndpoint().map { try GRPCCollectorClient(host: $0.host, port: $0.port, token: token) }
            destination = .collector(client)
        }
        let clock: DemoRun.TimeSource
        let startNanos = try start.map(Self.startNanos)
        switch (startNanos, dump) {
        case (.some(.some(let nanos)), _): clock = .fixed(start: nanos)
        // A dump is never paced: "now" only sets where its timestamps begin.
        case (.some(.none), .some): clock = .fixed(start: UnixTime.nowNanoseconds())
        case (.none, .some): clock = .fixed(start: Self.defaultDumpStart)
        default: clock = .live
        }
        let demoRun = DemoRun(
            destination: destination, clock: clock, seed: seed, rate: rate,
            durationSeconds: try duration.map(Self.seconds), traceLimit: traces,
            wire: WireProtocol(rawValue: wire) ?? .json)
        let stop = StopSignal()
        let signals = Self.stopOnSignals(stop)
        let began = ContinuousClock.now
        let summary: SendSummary
        do {
            summary = try await demoRun.run(stop: stop)
        } catch let error as CollectorUnreachable {
            print(error.summary.line(seconds: Double((ContinuousClock.now - began).components.seconds)))
            FileHandle.standardError.write(Data(("tracetop-demo: " + error.description + "\n").utf8))
            throw ExitCode(1)
        }
        signals.forEach { $0.cancel() }
        let elapsed = ContinuousClock.now - began
        print(summary.line(seconds: Double(elapsed.components.seconds), wrote: dump != nil))
        if summary.failedRequests > 0 { throw ExitCode(1) }
    }

    /// 2026-01-01T00:00:00Z: dumps are reproducible unless asked otherwise.
    static let defaultDumpStart: UInt64 = 1_767_225_600_000_000_000

    /// Ctrl-C and SIGTERM end the run gracefully: exporters flush and the summary is printed.
    private static func stopOnSignals(_ stop: StopSignal) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.set() }
            source.resume()
            return source
        }
    }

    static func seconds(_ text: String) throws -> Double {
        guard let nanos = DurationGrammar.nanoseconds(text, bareNumbers: .seconds), nanos > 0 else {
            throw ValidationError(
                "--duration must be a positive number of seconds or a duration like 500ms, 30s, 5m, 1h (units \(DurationGrammar.unitsHelp)), not \"\(text)\""
            )
        }
        return Double(nanos) / 1e9
    }

    /// nil for "now".
    static func startNanos(_ text: String) throws -> UInt64? {
        if text == "now" { return nil }
        if let seconds = UInt64(text) { return seconds * 1_000_000_000 }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var date = formatter.date(from: text)
        if date == nil {
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = formatter.date(from: text)
        }
        guard let date, date.timeIntervalSince1970 >= 0 else {
            throw ValidationError("--start must be now, Unix seconds, or RFC 3339 like 2026-01-01T00:00:00Z, not \"\(text)\"")
        }
        return UInt64(date.timeIntervalSince1970 * 1e9)
    }
}

import ArgumentParser
import CollectorHTTP
import Foundation
import TracetopUI

@main
struct Tracetop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracetop",
        abstract: "Find the slow or failing request, see where its time went and read its logs, in the terminal."
    )

    @Option(help: "The collector's base URL (env TRACETOP_COLLECTOR).")
    var collector: String?

    @Option(help: "Bearer token for the collector's API (env TRACETOP_TOKEN).")
    var token: String?

    @Option(
        help: ArgumentHelp(
            "PEM file of a CA (or the collector's self-signed certificate) to trust for https, besides the system's (env TRACETOP_CA_CERT).",
            valueName: "path"))
    var caCert: String?

    @Option(help: "How far back lists look at start: 5m, 15m, 1h, 6h, 1d or 7d.")
    var lookback = "1h"

    @Option(
        help: ArgumentHelp(
            "Open a trace file instead of a collector: OTLP JSON, one request (what :w writes, or a collector's GET /api/traces/{id}?format=otlp) or one per line (the OpenTelemetry Collector's file exporter).",
            valueName: "path"))
    var file: String?

    @Flag(help: "Turn on the mouse (wheel scrolls). Off by default because it breaks the terminal's own copy.")
    var mouse = false

    @Flag(help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        guard Lookback.allCases.contains(where: { $0.label == lookback }) else {
            throw ValidationError("--lookback must be one of \(Lookback.allCases.map(\.label).joined(separator: ", ")), got '\(lookback)'")
        }
        if let collector { _ = try baseURL(collector) }
        if let caCert { _ = try Self.authority(caCert) }
    }

    func run() throws {
        // The environment is read once, here at the edge.
        let environment = ProcessInfo.processInfo.environment
        let url = try baseURL(collector ?? environment["TRACETOP_COLLECTOR"] ?? "http://127.0.0.1:4318")
        let token = token ?? environment["TRACETOP_TOKEN"]
        let color = !noColor && (environment["NO_COLOR"] ?? "").isEmpty
        let authority = try (caCert ?? environment["TRACETOP_CA_CERT"].flatMap { $0.isEmpty ? nil : $0 }).map(Self.authority)
        let client = CollectorClient(baseURL: url, token: token?.isEmpty == false ? token : nil, certificateAuthority: authority)
        // A file is read whole before the screen opens, so a bad one is reported on the plain terminal.
        let offline: OfflineTraces?
        do { offline = try file.map { path throws(OfflineFile.LoadError) in try OfflineFile.load(path: path) } } catch {
            throw ValidationError(error.description)
        }

        let terminal = Terminal(mouse: mouse, color: color)
        defer { terminal.close() }
        let (width, height) = terminal.size
        let label = offline.map { "file \($0.name) · \($0.traces.count) traces, \($0.spanCount) spans" } ?? url.absoluteString
        let state = AppState(
            width: width, height: height, collectorLabel: label, source: offline.map { DataSource.file(name: $0.name) } ?? .collector,
            clock: WallClock(utcOffsetSeconds: TimeZone.current.secondsFromGMT()),
            lookback: Lookback.allCases.first { $0.label == lookback } ?? .hour)
        AppLoop(backend: offline.map(Backend.file) ?? .collector(client), terminal: terminal).run(state: state)
    }

    private static func authority(_ path: String) throws -> CertificateAuthority {
        do { return try CertificateAuthority(path: path) } catch { throw ValidationError(error.description) }
    }

    private func baseURL(_ text: String) throws -> URL {
        do { return try CollectorClient.baseURL(from: text) } catch { throw ValidationError(error.message) }
    }
}

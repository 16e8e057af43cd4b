import ArgumentParser
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

    @Option(help: "How far back lists look at start: 5m, 15m, 1h, 6h, 1d or 7d.")
    var lookback = "1h"

    @Flag(help: "Turn on the mouse (wheel scrolls). Off by default because it breaks the terminal's own copy.")
    var mouse = false

    @Flag(help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        guard Lookback.allCases.contains(where: { $0.label == lookback }) else {
            throw ValidationError("--lookback must be one of \(Lookback.allCases.map(\.label).joined(separator: ", ")), got '\(lookback)'")
        }
        if let collector { _ = try baseURL(collector) }
    }

    func run() throws {
        // The environment is read once, here at the edge.
        let environment = ProcessInfo.processInfo.environment
        let url = try baseURL(collector ?? environment["TRACETOP_COLLECTOR"] ?? "http://127.0.0.1:4318")
        let token = token ?? environment["TRACETOP_TOKEN"]
        let color = !noColor && (environment["NO_COLOR"] ?? "").isEmpty
        let client = CollectorClient(baseURL: url, token: token?.isEmpty == false ? token : nil)

        let terminal = Terminal(mouse: mouse, color: color)
        defer { terminal.close() }
        let (width, height) = terminal.size
        let state = AppState(width: width, height: height, collectorLabel: url.absoluteString,
                             clock: Clock(utcOffsetSeconds: TimeZone.current.secondsFromGMT()),
                             lookback: Lookback.allCases.first { $0.label == lookback } ?? .hour)
        AppLoop(client: client, terminal: terminal).run(state: state)
    }

    private func baseURL(_ text: String) throws -> URL {
        do { return try CollectorClient.baseURL(from: text) } catch { throw ValidationError(error.message) }
    }
}

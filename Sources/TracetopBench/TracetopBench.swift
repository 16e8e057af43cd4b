import ArgumentParser
import Foundation

@main
struct TracetopBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracetop-bench",
        abstract:
            "Measures ingest, decoding, queries, disk and memory of the real collector over loopback, against limits measured in the same run."
    )

    @OptionGroup var options: BenchOptions

    func run() async throws {
        let directory =
            options.directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if !options.keepFiles { try? FileManager.default.removeItem(atPath: directory) } }
        var run = BenchRun(options: options, directory: directory)
        let started = ContinuousClock.now
        try await run.measureEverything()
        // How long a run takes is a figure of its own at 100M spans (issue #20 asks for it).
        run.notes.append(String(format: "the whole run took %.1f min", (ContinuousClock.now - started).seconds / 60))
        print("")
        print(run.table.markdown)
        print("")
        for note in run.notes { print("- \(note)") }
    }
}

import Foundation
import Testing
import TraceModel
import TraceStore
import WireCodecs

/// OTLP/gRPC on the real executable: SIGKILL during gRPC ingest loses nothing acknowledged, and a port already in
/// use is reported with the flag and the address.
@Suite(.serialized) struct GRPCProcessTests {
    private static let resource = Resource(attributes: [KeyValue("service.name", .string("grpc-crash"))])

    private static func logs(_ number: UInt64) -> [UInt8] {
        let records = (0..<3).map { index in
            LogRecord(
                timeUnixNano: 1_000_000 + UInt64(index), severityNumber: 9, body: .string("line \(index) of \(number)"),
                traceID: TraceID(high: 0x10c6, low: number))
        }
        return OTLPProtobuf.encode(LogsData(resourceLogs: [ResourceLogs(resource: resource, scopeLogs: [ScopeLogs(logRecords: records)])]))
    }

    @Test func randomKillsDuringGRPCIngestLoseNothingAcknowledged() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-grpc-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("crash.db").path
        let seed = UInt64(Date().timeIntervalSince1970)
        var random = SplitMix(seed: seed)
        var acknowledgedTraces: [UInt64] = [], acknowledgedLogs: [UInt64] = []
        for round in 0..<8 {
            let collector = try await offThePool { try CollectorProcess(databasePath: path) }
            let killAfterMillis = Int(random.next() % 1_500) + 300
            let first = FirstAcknowledgement()
            let results = try await withThrowingTaskGroup(of: ([UInt64], [UInt64]).self) { group in
                for sender in 0..<3 {
                    group.addTask {
                        var traces: [UInt64] = [], logs: [UInt64] = []
                        // Bounded: at most 30 waves of 20 concurrent calls per sender; the kill ends it sooner.
                        for wave in 0..<30 {
                            let numbers = (0..<20).map { UInt64(round * 1_000_000 + sender * 10_000 + wave * 100 + $0 + 1) }
                            let calls = numbers.map { number in
                                number % 2 == 0
                                    ? RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 0xc4a6, low: number), count: 5))
                                    : RawGRPC.Call(
                                        path: "/opentelemetry.proto.collector.logs.v1.LogsService/Export", bytes: Self.logs(number))
                            }
                            guard let answers = try? await RawGRPC.call(port: collector.grpcPort, calls, timeout: 10) else { break }
                            for (number, answer) in zip(numbers, answers) where answer.grpcStatus == 0 {
                                if number % 2 == 0 { traces.append(number) } else { logs.append(number) }
                                first.record()
                            }
                            if answers.contains(where: { $0.grpcStatus == nil }) { break }
                        }
                        return (traces, logs)
                    }
                }
                group.addTask {
                    try await first.wait()
                    try await Task.sleep(for: .milliseconds(killAfterMillis))
                    try await offThePool { collector.kill9() }
                    return ([], [])
                }
                var all: ([UInt64], [UInt64]) = ([], [])
                for try await (traces, logs) in group {
                    all.0 += traces
                    all.1 += logs
                }
                return all
            }
            acknowledgedTraces += results.0
            acknowledgedLogs += results.1
        }
        print(
            "gRPC crash safety: seed \(seed), 8 kills, \(acknowledgedTraces.count) trace and \(acknowledgedLogs.count) log requests acknowledged"
        )
        #expect(acknowledgedTraces.count + acknowledgedLogs.count > 100, "too few requests were acknowledged for the test to mean anything")

        let store = try SQLiteTraceStore(path: path)
        #expect(try await store.integrityCheck() == "ok")
        var lost: [String] = []
        for number in acknowledgedTraces where try await store.trace(TraceID(high: 0xc4a6, low: number)).count != 5 {
            lost.append("spans \(number)")
        }
        for number in acknowledgedLogs where try await store.logs(LogQuery(traceID: TraceID(high: 0x10c6, low: number))).count != 3 {
            lost.append("logs \(number)")
        }
        #expect(lost.isEmpty, "seed \(seed): acknowledged but lost: \(lost.prefix(20))")
    }

    @Test func aPortAlreadyInUseIsNamedWithItsFlag() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracetop-ports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let running = try await offThePool { try CollectorProcess(databasePath: directory.appendingPathComponent("first.db").path) }
        defer { _ = running.terminate() }
        let second = directory.appendingPathComponent("second.db").path

        let http = try await CollectorProcess.runToExit(["--listen", "127.0.0.1:\(running.port)", "--grpc-listen", "off", "--db", second])
        #expect(http.status != 0)
        #expect(http.output.contains("--listen 127.0.0.1:\(running.port) is already in use"), "\(http.output)")
        #expect(!http.output.contains("bind(descriptor"), "\(http.output)")

        let grpc = try await CollectorProcess.runToExit([
            "--listen", "127.0.0.1:0", "--grpc-listen", "127.0.0.1:\(running.grpcPort)", "--db", second
        ])
        #expect(grpc.status != 0)
        #expect(grpc.output.contains("--grpc-listen 127.0.0.1:\(running.grpcPort) is already in use"), "\(grpc.output)")
        #expect(!grpc.output.contains("bind(descriptor"), "\(grpc.output)")

        let zipkin = try await CollectorProcess.runToExit(
            ["--listen", "127.0.0.1:0", "--grpc-listen", "off", "--zipkin-listen", "127.0.0.1:\(running.port)", "--db", second])
        #expect(zipkin.status != 0)
        #expect(zipkin.output.contains("--zipkin-listen 127.0.0.1:\(running.port) is already in use"), "\(zipkin.output)")
    }

    @Test func helpListsEveryPortWithItsDefault() async throws {
        // Words only: ArgumentParser wraps the help to the terminal's width.
        let help = try await CollectorProcess.runToExit(["--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in [
            "OTLP/HTTP (4318)", "OTLP/gRPC (4317)", "9411 with --zipkin-listen",
            "--listen <host:port>", "default: 127.0.0.1:4318", "--grpc-listen <host:port>", "default: 127.0.0.1:4317",
            "--zipkin-listen <host:port>", "usually 127.0.0.1:9411"
        ] {
            #expect(help.contains(expected), "--help lacks '\(expected)':\n\(help)")
        }
    }
}

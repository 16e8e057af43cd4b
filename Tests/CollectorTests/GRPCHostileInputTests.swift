import Collector
import Foundation
import Testing
import TraceModel
import TraceStore

/// Raw HTTP/2 gRPC calls against the live collector's gRPC port: every bad call gets a clear status, good calls
/// beside it are stored, and the collector keeps serving.
@Suite struct GRPCHostileInputTests {
    private static let tracesPath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export"

    private static func with(bodyTimeout: Int = 2, _ body: @Sendable (LiveCollector) async throws -> Void) async throws {
        try await LiveCollector.with(
            configure: {
                $0.maxBodyBytes = 64 << 10
                $0.bodyTimeoutSeconds = bodyTimeout
            }, body)
    }

    @Test func aGoodCallIsStoredAndAnsweredWithAnEmptyResponse() async throws {
        try await Self.with { collector in
            let traceID = TraceID(high: 1, low: 1)
            let answers = try await RawGRPC.call(port: collector.grpcPort, [RawGRPC.Call(bytes: RawGRPC.traces(traceID))])
            #expect(answers[0].grpcStatus == 0)
            // A full success is the empty ExportTraceServiceResponse: only the 5-byte frame prefix.
            #expect(answers[0].message == "0000000000")
            #expect(try await collector.store.trace(traceID).count == 3)
        }
    }

    @Test func malformedAndTruncatedMessagesAreInvalidArgumentNamingTheProblem() async throws {
        try await Self.with { collector in
            let good = RawGRPC.traces(TraceID(high: 1, low: 2))
            let answers = try await RawGRPC.call(
                port: collector.grpcPort,
                [
                    RawGRPC.Call(bytes: [0xff, 0xff, 0xff, 0xff]),
                    RawGRPC.Call(bytes: Array(good.prefix(good.count / 2))),
                    RawGRPC.Call(path: "/opentelemetry.proto.collector.logs.v1.LogsService/Export", bytes: [0x0a, 0x05, 0x01])
                ])
            for answer in answers {
                #expect(answer.grpcStatus == 3, "\(answer)")
                #expect((answer.grpcMessage ?? "").count > 10, "a message that names the problem: \(answer)")
            }
            #expect(try await collector.store.traceSummaries(TraceQuery(limit: 10)).isEmpty)
        }
    }

    @Test func framingErrorsGetInternalNamingTheProblemAndTheConnectionServesTheNextCall() async throws {
        try await Self.with { collector in
            var lyingLength = RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 1, low: 3)))
            lyingLength.length = 60_000  // more than was sent (within the limit), then the stream ends
            var compressedWithoutEncoding = RawGRPC.Call(bytes: try Array(Compression.gzip(Data(RawGRPC.traces(TraceID(high: 1, low: 4))))))
            compressedWithoutEncoding.compressed = true
            var notGzip = RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 1, low: 5)))
            notGzip.compressed = true
            notGzip.encoding = "gzip"
            var unknownEncoding = RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 1, low: 6)))
            unknownEncoding.compressed = true
            unknownEncoding.encoding = "snappy"
            var unknownFlag = RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 1, low: 8)))
            unknownFlag.flag = 2
            var cutInsidePrefix = RawGRPC.Call()
            cutInsidePrefix.cut = 2  // 3 bytes of a length prefix, then END_STREAM
            let answers = try await RawGRPC.call(
                port: collector.grpcPort,
                [
                    lyingLength, compressedWithoutEncoding, notGzip, unknownEncoding, unknownFlag, cutInsidePrefix
                ])
            // gRPC's INTERNAL with a message naming the problem (grpc doc/statuscodes.md), not a stream reset:
            // GRPCFramingGuard checks the framing before grpc-swift's transport, which would reset these streams.
            let expected = [
                "the request ended after ", "no grpc-encoding", "is not valid gzip data", nil, "compressed flag is 2",
                "ended inside a message's 5-byte length prefix"
            ]
            for (answer, words) in zip(answers, expected) {
                guard let words else { continue }
                #expect(answer.grpcStatus == 13, "\(answer)")
                #expect(answer.grpcMessage?.contains(words) == true, "\(words): \(answer)")
            }
            #expect(answers[0].grpcMessage?.contains("of the 60000 bytes its message's length prefix announced") == true, "\(answers[0])")
            // An unknown encoding is refused in the headers: UNIMPLEMENTED, as gRPC's PROTOCOL-HTTP2 says.
            #expect(answers[3].grpcStatus == 12, "\(answers[3])")
            #expect(try await collector.store.traceSummaries(TraceQuery(limit: 10)).isEmpty)
            let next = try await RawGRPC.call(port: collector.grpcPort, [RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 1, low: 7)))])
            #expect(next[0].grpcStatus == 0)
        }
    }

    @Test func messagesSplitAcrossTinyFramesAreReassembledCompressedOrNot() async throws {
        try await Self.with { collector in
            var plain = RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 6, low: 1), count: 40))
            plain.chunk = 3  // every length prefix is split across two frames
            var gzipped = RawGRPC.Call(bytes: try Array(Compression.gzip(Data(RawGRPC.traces(TraceID(high: 6, low: 2), count: 40)))))
            gzipped.compressed = true
            gzipped.encoding = "gzip"
            gzipped.chunk = 7
            var empty = RawGRPC.Call(path: "/opentelemetry.proto.collector.logs.v1.LogsService/Export", bytes: [])
            empty.chunk = 2
            let answers = try await RawGRPC.call(port: collector.grpcPort, [plain, gzipped, empty])
            for answer in answers { #expect(answer.grpcStatus == 0, "\(answer)") }
            #expect(try await collector.store.trace(TraceID(high: 6, low: 1)).count == 40)
            #expect(try await collector.store.trace(TraceID(high: 6, low: 2)).count == 40)
        }
    }

    @Test func gzipWithGrpcEncodingIsAccepted() async throws {
        try await Self.with { collector in
            let traceID = TraceID(high: 2, low: 1)
            var call = RawGRPC.Call(bytes: try Array(Compression.gzip(Data(RawGRPC.traces(traceID, count: 50)))))
            call.compressed = true
            call.encoding = "gzip"
            let answers = try await RawGRPC.call(port: collector.grpcPort, [call])
            #expect(answers[0].grpcStatus == 0, "\(answers[0])")
            #expect(try await collector.store.trace(traceID).count == 50)
        }
    }

    @Test func messagesOverTheLimitAreResourceExhaustedBeforeAndAfterDecompression() async throws {
        try await Self.with { collector in
            let large = RawGRPC.traces(TraceID(high: 3, low: 1), count: 2_000)
            let overLimit = RawGRPC.traces(TraceID(high: 3, low: 2), count: 1_600)  // between 64 KiB and twice that
            #expect(overLimit.count > 64 << 10 && overLimit.count < 128 << 10, "\(overLimit.count)")
            var bomb = RawGRPC.Call(bytes: try Array(Compression.gzip(Data(repeating: 0, count: 100 << 10))))
            bomb.compressed = true
            bomb.encoding = "gzip"
            var hugeBomb = RawGRPC.Call(bytes: try Array(Compression.gzip(Data(repeating: 0, count: 8 << 20))))
            hugeBomb.compressed = true
            hugeBomb.encoding = "gzip"
            let answers = try await RawGRPC.call(
                port: collector.grpcPort,
                [
                    RawGRPC.Call(bytes: overLimit), bomb, RawGRPC.Call(bytes: large), hugeBomb
                ])
            // Whether the message is over the limit as sent, or only once inflated (a gzip bomb), and however far
            // over: RESOURCE_EXHAUSTED naming the limit (GRPCFramingGuard, before the transport could reset).
            for answer in answers {
                #expect(answer.grpcStatus == 8, "\(answer)")
                #expect(
                    answer.grpcMessage?.contains("larger than the limit of 65536 bytes (measured after decompression)") == true, "\(answer)"
                )
            }
            #expect(try await collector.store.traceSummaries(TraceQuery(limit: 10)).isEmpty)
            let next = try await RawGRPC.call(port: collector.grpcPort, [RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 3, low: 3)))])
            #expect(next[0].grpcStatus == 0)
        }
    }

    @Test(arguments: [
        "/opentelemetry.proto.collector.trace.v1.TraceService/Nope", "/no.such.Service/Export",
        "/opentelemetry.proto.collector.profiles.v1development.ProfilesService/Export"
    ])
    func unknownServicesAndMethodsAreUnimplemented(path: String) async throws {
        try await Self.with { collector in
            let answers = try await RawGRPC.call(
                port: collector.grpcPort, [RawGRPC.Call(path: path, bytes: RawGRPC.traces(TraceID(high: 4, low: 1)))])
            #expect(answers[0].grpcStatus == 12, "\(answers[0])")
        }
    }

    @Test func metricsAreAcceptedAndDropped() async throws {
        try await Self.with { collector in
            let answers = try await RawGRPC.call(
                port: collector.grpcPort,
                [
                    RawGRPC.Call(path: "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", bytes: [0x0a, 0x00])
                ])
            #expect(answers[0].grpcStatus == 0, "\(answers[0])")
        }
    }

    @Test func aStreamNeverFinishedDoesNotBlockOthersAndEndsAfterTheBodyTimeout() async throws {
        try await Self.with(bodyTimeout: 5) { collector in
            var unfinished = RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 5, low: 1)))
            unfinished.finish = false
            var headersOnly = RawGRPC.Call()
            headersOnly.send = false
            headersOnly.finish = false
            let good = (2...5).map { RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 5, low: UInt64($0)))) }
            let answers = try await RawGRPC.call(port: collector.grpcPort, [unfinished, headersOnly] + good)
            for answer in answers.dropFirst(2) {
                #expect(answer.grpcStatus == 0, "\(answer)")
                #expect((answer.seconds ?? 99) < 4, "answered without waiting for the unfinished streams: \(answer)")
            }
            for answer in answers.prefix(2) {
                #expect(answer.grpcStatus == 4, "DEADLINE_EXCEEDED after --body-timeout: \(answer)")
                #expect((answer.seconds ?? 0) >= 5 && (answer.seconds ?? 99) < 9, "\(answer)")
            }
            #expect(try await collector.store.traceSummaries(TraceQuery(limit: 10)).count == 4)
        }
    }

    @Test func manyConcurrentStreamsOnSeveralConnectionsAreAllStored() async throws {
        try await Self.with { collector in
            let connections = 4, streams = 60
            try await withThrowingTaskGroup(of: [RawGRPC.Answer].self) { group in
                for connection in 0..<connections {
                    group.addTask {
                        let calls = (0..<streams).map {
                            RawGRPC.Call(bytes: RawGRPC.traces(TraceID(high: 6, low: UInt64(connection * streams + $0 + 1))))
                        }
                        return try await RawGRPC.call(port: collector.grpcPort, calls, timeout: 60)
                    }
                }
                for try await answers in group {
                    #expect(answers.count == streams)
                    #expect(answers.allSatisfy { $0.grpcStatus == 0 }, "\(answers.filter { $0.grpcStatus != 0 }.prefix(3))")
                }
            }
            #expect(try await collector.store.traceSummaries(TraceQuery(limit: 1_000)).count == connections * streams)
        }
    }
}

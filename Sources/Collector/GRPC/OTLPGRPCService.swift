import GRPCCore
import TraceStore
import WireCodecs

/// OTLP/gRPC's three unary `Export` methods, registered by hand on grpc-swift's router with the project's own
/// decoder (no generated code): traces and logs take the same path as OTLP/HTTP (decode → durable group
/// commit → OK only after the commit); metrics are accepted and dropped.
struct OTLPGRPCService: RegistrableRPCService {
    let pipeline: IngestPipeline
    let tokens: AccessTokens
    /// `--max-body-bytes`, measured after decompression.
    let maxMessageBytes: Int

    /// The `transport` label of what arrives here (`/metrics`).
    static let transport = "grpc"

    /// Declared unary: the transport then holds the response's headers and message until its trailers and sends
    /// the three in one write (for a method of unknown type it flushes each part).
    static let traces = MethodDescriptor(
        fullyQualifiedService: "opentelemetry.proto.collector.trace.v1.TraceService", method: "Export", type: .unary)
    static let logs = MethodDescriptor(
        fullyQualifiedService: "opentelemetry.proto.collector.logs.v1.LogsService", method: "Export", type: .unary)
    static let metrics = MethodDescriptor(
        fullyQualifiedService: "opentelemetry.proto.collector.metrics.v1.MetricsService", method: "Export", type: .unary)

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        pipeline.metrics?.announce(transport: Self.transport)
        for (method, signal) in [(Self.traces, OTLPResponse.Signal.traces), (Self.logs, .logs)] {
            router.registerHandler(
                forMethod: method,
                deserializer: OTLPGRPCRequestDecoder(pipeline: pipeline, signal: signal, maxMessageBytes: maxMessageBytes),
                serializer: OTLPResponse.GRPCSerializer(signal: signal)
            ) { request, _ in
                // The call started on its stream's loop; the commit's completion comes back to it.
                try await withTaskExecutorPreference(EventLoopTaskExecutor.pinnedToCurrentLoop()) {
                    try await export(request, signal: signal)
                }
            }
        }
        router.registerHandler(
            forMethod: Self.metrics, deserializer: DroppingDecoder(), serializer: OTLPResponse.GRPCSerializer(signal: .traces)
        ) { request, _ in
            try GRPCBearerAuth.check(request.metadata, tokens: tokens)
            _ = try await UnaryMessage.read(request.messages)
            return StreamingServerResponse(single: ServerResponse(message: Rejections()))
        }
    }

    /// The token first (nothing is decoded for a client that may not send), then the one message, then the commit.
    private func export(_ request: StreamingServerRequest<DecodedExport>, signal: OTLPResponse.Signal) async throws
        -> StreamingServerResponse<Rejections>
    {
        try GRPCBearerAuth.check(request.metadata, tokens: tokens)
        let decoded = try await UnaryMessage.read(request.messages)
        let spans = decoded.batch.spans.count, logRecords = decoded.batch.logs.count
        do {
            try await pipeline.submit(decoded.batch, bytes: decoded.bytes)
        } catch {
            pipeline.metrics?.refused(spans: spans, logRecords: logRecords, transport: Self.transport, error: error)
            throw OTLPResponse.grpcFailure(error)
        }
        pipeline.metrics?.accepted(spans: spans, logRecords: logRecords, transport: Self.transport)
        let rejected = decoded.rejected.count
        pipeline.metrics?.rejected(
            spans: signal == .traces ? rejected : 0, logRecords: signal == .logs ? rejected : 0, transport: Self.transport)
        return StreamingServerResponse(single: ServerResponse(message: decoded.rejected))
    }
}

import GRPCCore
import Hummingbird
import WireCodecs

/// OTLP/gRPC answers, in the shapes OTLP/HTTP's protobuf answers use (`OTLPResponse`): the same
/// `Export…ServiceResponse` bytes on success, and the same `IngestError` turned into a gRPC status on refusal.
extension OTLPResponse {
    /// Writes `Export{Trace,Logs,Metrics}ServiceResponse`: empty on full success, `partial_success` otherwise.
    struct GRPCSerializer: MessageSerializer {
        let signal: Signal

        func serialize<Bytes: GRPCContiguousBytes>(_ rejected: Rejections) throws -> Bytes {
            Bytes(OTLPProtobuf.encodeExportResponse(rejected: Int64(rejected.count), message: rejected.message, forLogs: signal == .logs))
        }
    }

    /// The gRPC status for a refusal. A retry delay travels as `google.rpc.RetryInfo` inside the `google.rpc.Status`
    /// of `grpc-status-details-bin` (gRPC's rich status, read by Go and Java exporters) and bare in
    /// `google.rpc.retryinfo-bin` (read by the Python exporter): both honour it instead of their own backoff.
    static func grpcFailure(_ error: IngestError) -> RPCError {
        // Over the size limit is RESOURCE_EXHAUSTED in gRPC (OTLP/HTTP's 413 body says INVALID_ARGUMENT).
        let code =
            error.status == .contentTooLarge
            ? RPCError.Code.resourceExhausted
            : GRPCCore.Status.Code(rawValue: Int(error.rpcCode)).flatMap { RPCError.Code($0) } ?? .unknown
        var metadata: Metadata = [:]
        if let seconds = error.retryAfterSeconds {
            let status = OTLPProtobuf.encodeStatus(code: Int32(code.rawValue), message: error.message, retryDelaySeconds: Int64(seconds))
            metadata.addBinary(status, forKey: "grpc-status-details-bin")
            metadata.addBinary(OTLPProtobuf.encodeRetryInfo(seconds: Int64(seconds)), forKey: "google.rpc.retryinfo-bin")
        }
        return RPCError(code: code, message: error.message, metadata: metadata)
    }
}

import GRPCCore
import TraceStore
import WireCodecs

/// An Export request as the decoder leaves it: the batch to commit, what was rejected, and the share of the
/// in-flight byte budget it holds until it is dropped.
struct DecodedExport: Sendable {
    let batch: WriteBatch
    let rejected: Rejections
    let bytes: Int
    let admitted: AdmittedBytes
}

/// The project's own OTLP protobuf decoder as grpc-swift's `MessageDeserializer`: the same decoder, batch
/// building and byte budget as `POST /v1/traces` with `application/x-protobuf`. Malformed bytes become
/// INVALID_ARGUMENT with the decoder's message; a full budget becomes UNAVAILABLE with a retry delay; a message
/// over `--max-body-bytes` (after decompression) becomes RESOURCE_EXHAUSTED.
struct OTLPGRPCRequestDecoder: MessageDeserializer {
    let pipeline: IngestPipeline
    let signal: OTLPResponse.Signal
    let maxMessageBytes: Int

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> DecodedExport {
        guard serializedMessageBytes.count <= maxMessageBytes else { throw refused(.tooLarge(limit: maxMessageBytes)) }
        let bytes = max(serializedMessageBytes.count, 1)
        guard let admitted = AdmittedBytes(bytes, of: pipeline.admission) else { throw refused(.overloaded(retryAfter: 1)) }
        do {
            let (batch, rejected) = try serializedMessageBytes.withUnsafeBytes { raw in
                try pipeline.decode(raw, format: .protobuf, signal: signal)
            }
            return DecodedExport(batch: batch, rejected: rejected, bytes: bytes, admitted: admitted)
        } catch let error as IngestError {
            throw refused(error)
        }
    }

    /// Counted (`/metrics`) before it becomes the gRPC status.
    private func refused(_ error: IngestError) -> any Error {
        pipeline.metrics?.refused(transport: OTLPGRPCService.transport, error: error)
        return OTLPResponse.grpcFailure(error)
    }
}

/// Metrics are accepted and dropped, as over HTTP: nothing is decoded.
struct DroppedMessage: Sendable {}

struct DroppingDecoder: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> DroppedMessage { DroppedMessage() }
}

import LogAggregator
import Logging
import NIOCore
import TraceModel
import TraceStore
import WireCodecs

/// The transport-independent half of ingest, shared by OTLP/HTTP (`IngestController`) and OTLP/gRPC
/// (`OTLPGRPCService`): the in-flight byte budget, decoding with the one OTLP decoder, and the wait for the
/// durable group commit. A transport only reads the request and writes the answer in its own shape.
struct IngestPipeline: Sendable {
    let queue: IngestQueue
    /// Only for `prepare`: writing is the writer's.
    let store: any SpanIngestStore
    let admission: AdmissionControl
    let correlationKeys: CorrelationKeys
    let logger: Logger
    /// Where a transport reports what it accepted and refused (`/metrics`).
    var metrics: IngestMetrics?

    /// The one place the wire format picks a decoder; both yield the same model values. Spans and logs the
    /// decoder rejects come back as `Rejections` (OTLP's partial success); malformed bytes throw a 400.
    func decode(_ bytes: UnsafeRawBufferPointer, format: WireFormat, signal: OTLPResponse.Signal) throws(IngestError) -> (
        WriteBatch, Rejections
    ) {
        do throws(OTLPDecodingError) {
            switch signal {
            case .traces:
                let decoded = format == .json ? try OTLPJSON.decodeTraces(bytes) : try OTLPProtobuf.decodeTraces(bytes)
                return (IngestBatches.batch(decoded.data, correlationKeys: correlationKeys), decoded.rejected)
            case .logs:
                let decoded = format == .json ? try OTLPJSON.decodeLogs(bytes) : try OTLPProtobuf.decodeLogs(bytes)
                let batch = WriteBatch(
                    logs: LogEntries.entries(of: decoded.data, receivedAt: UnixTime.nowNanoseconds(), correlationKeys: correlationKeys))
                return (batch, decoded.rejected)
            }
        } catch {
            throw .badRequest(error.message)
        }
    }

    func decode(_ body: ByteBuffer, format: WireFormat, signal: OTLPResponse.Signal) throws(IngestError) -> (WriteBatch, Rejections) {
        let outcome: Result<(WriteBatch, Rejections), IngestError> = body.withUnsafeReadableBytes { bytes in
            do throws(IngestError) { return .success(try decode(bytes, format: format, signal: signal)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    /// Waits until the batch is committed: the OK that follows is a promise that it is on disk.
    func submit(_ batch: WriteBatch, bytes: Int) async throws(IngestError) {
        guard !batch.isEmpty else { return }
        do {
            // Row encoding runs here, on the request's core, rather than on the one writer thread.
            try await queue.submit(store.prepare(batch), bytes: bytes)
        } catch is IngestQueue.Full {
            throw .overloaded(retryAfter: 1)
        } catch is IngestQueue.Closed {
            throw .overloaded(retryAfter: 5)
        } catch {
            logger.error("could not store a request", metadata: ["error": "\(error)"])
            throw .storageFailed(error)
        }
    }
}

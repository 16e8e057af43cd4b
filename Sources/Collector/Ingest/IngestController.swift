import Foundation
import Hummingbird
import LogAggregator
import Logging
import NIOCore
import TraceModel
import TraceStore
import WireCodecs

/// `POST /v1/traces`, `POST /v1/logs` (OTLP/HTTP) and `POST /api/logs` (structured log lines).
/// Decoding happens here, on whichever core runs the request; only committing is left to the one writer.
struct IngestController: Sendable {
    let queue: IngestQueue
    /// Only for `prepare`: writing is the writer's.
    let store: any SpanIngestStore
    let admission: AdmissionControl
    let bodyReader: RequestBodyReader
    let correlationKeys: CorrelationKeys
    let logger: Logger
    var metrics: IngestMetrics?

    /// The `transport` label of what arrives here (`/metrics`); Zipkin's route has its own.
    static let transport = "http"
    static let zipkinTransport = "zipkin"

    func addRoutes(to router: Router<some RequestContext>) {
        metrics?.announce(transport: Self.transport)
        router.post("/v1/traces") { request, _ in await admitted(request) { await handleOTLP(request, signal: .traces) } }
        router.post("/v1/logs") { request, _ in await admitted(request) { await handleOTLP(request, signal: .logs) } }
        router.post("/api/logs") { request, _ in await admitted(request) { await handleStructuredLogs(request) } }
        // OTLP says 405 for other methods (the router alone would answer 404). GET /api/logs is a query.
        for (path, methods) in [
            ("/v1/traces", [HTTPRequest.Method.get, .put, .delete, .patch]), ("/v1/logs", [.get, .put, .delete, .patch]),
            ("/api/logs", [.put, .delete, .patch])
        ] {
            for method in methods {
                router.on(RouterPath(path), method: method) { _, _ in Self.methodNotAllowed() }
            }
        }
        // Metrics are not stored: accepted and dropped, so SDKs configured for all signals do not log errors.
        router.post("/v1/metrics") { _, _ in OTLPResponse.success(Rejections(), signal: .traces, format: .json) }
    }

    /// Runs `handle` within the in-flight byte budget, or answers 503 + Retry-After at once (before reading
    /// the body) when the collector already holds as much as it may.
    /// `refuse` answers in the route's own shape (Zipkin's text); nil: OTLP's status.
    func admitted(
        _ request: Request, transport: String = Self.transport, refuse: ((IngestError) -> Response)? = nil,
        _ handle: () async -> Response
    ) async -> Response {
        let bytes = request.headers[.contentLength].flatMap { Int($0) }.map { max($0, 1) } ?? AdmissionControl.unannouncedBytes
        guard admission.admit(bytes) else {
            metrics?.refused(transport: transport, reason: .overloaded)
            if let refuse { return refuse(.overloaded(retryAfter: 1)) }
            let format = (try? WireFormat(contentType: request.headers[.contentType])) ?? .json
            return OTLPResponse.failure(.overloaded(retryAfter: 1), format: format)
        }
        defer { admission.release(bytes) }
        return await handle()
    }

    private func handleOTLP(_ request: Request, signal: OTLPResponse.Signal) async -> Response {
        var request = request
        var format = WireFormat.json
        var decoded = (spans: 0, logRecords: 0)
        do {
            format = try WireFormat(contentType: request.headers[.contentType])
            let body = try await bodyReader.read(&request)
            let (batch, rejected) = try decode(body, format: format, signal: signal)
            decoded = (batch.spans.count, batch.logs.count)
            try await submit(batch, bytes: body.readableBytes)
            metrics?.accepted(spans: batch.spans.count, logRecords: batch.logs.count, transport: Self.transport)
            metrics?.rejected(
                spans: signal == .traces ? rejected.count : 0, logRecords: signal == .logs ? rejected.count : 0, transport: Self.transport)
            return OTLPResponse.success(rejected, signal: signal, format: format)
        } catch {
            metrics?.refused(spans: decoded.spans, logRecords: decoded.logRecords, transport: Self.transport, error: error)
            return OTLPResponse.failure(error, format: format)
        }
    }

    /// NDJSON or a JSON array of log objects: good lines are stored, bad ones reported with their line numbers.
    private func handleStructuredLogs(_ request: Request) async -> Response {
        var request = request
        var decodedRecords = 0
        do {
            let body = try await bodyReader.read(&request)
            let receivedAt = UnixTime.nowNanoseconds()
            let contentType = request.headers[.contentType] ?? "application/x-ndjson"
            let normalized: NormalizedLogs
            do {
                normalized = try body.withUnsafeReadableBytes { bytes throws(StructuredLogError) in
                    try StructuredLogNormalizer().normalize(bytes, contentType: contentType, receivedAtUnixNano: receivedAt)
                }
            } catch {
                switch error.kind {
                case .unsupportedContentType: throw IngestError(status: .unsupportedMediaType, message: error.message)
                case .tooManyRecords: throw IngestError(status: .contentTooLarge, message: error.message)
                case .invalidDocument: throw IngestError.badRequest(error.message)
                }
            }
            let batch = WriteBatch(logs: LogEntries.entries(of: normalized.data, receivedAt: receivedAt, correlationKeys: correlationKeys))
            decodedRecords = batch.logs.count
            try await submit(batch, bytes: body.readableBytes)
            metrics?.accepted(spans: 0, logRecords: batch.logs.count, transport: Self.transport)
            metrics?.rejected(spans: 0, logRecords: normalized.rejectedCount, transport: Self.transport)
            return OTLPResponse.structuredLogsAccepted(normalized)
        } catch let error as IngestError {
            metrics?.refused(logRecords: decodedRecords, transport: Self.transport, error: error)
            return OTLPResponse.failure(error, format: .json)
        } catch {
            metrics?.refused(logRecords: decodedRecords, transport: Self.transport, reason: .invalid)
            return OTLPResponse.failure(.badRequest("\(error)"), format: .json)
        }
    }

    private func decode(_ body: ByteBuffer, format: WireFormat, signal: OTLPResponse.Signal) throws(IngestError) -> (WriteBatch, Rejections)
    {
        try pipeline.decode(body, format: format, signal: signal)
    }

    /// Waits until the batch is committed: the 200 that follows is a promise that it is on disk.
    func submit(_ batch: WriteBatch, bytes: Int) async throws(IngestError) {
        try await pipeline.submit(batch, bytes: bytes)
    }

    /// Admission, decoding and the commit wait, shared with OTLP/gRPC.
    var pipeline: IngestPipeline {
        IngestPipeline(queue: queue, store: store, admission: admission, correlationKeys: correlationKeys, logger: logger, metrics: metrics)
    }

    static func methodNotAllowed() -> Response {
        var response = OTLPResponse.failure(
            IngestError(status: .methodNotAllowed, message: "use POST for this endpoint"), format: .json)
        response.headers[.allow] = "POST"
        return response
    }
}

import Foundation
import TraceModel
import TracetopAPI
import WireCodecs

/// Turns an HTTP answer into a payload or an error; separate from the client so it is tested without a socket.
/// Every shape is read by TracetopAPI, a trace by the project's OTLP JSON decoder.
enum ResponseDecoder {
    static func decode(_ request: APIRequest, status: Int, body: Data, path: String) -> Result<APIPayload, ClientError> {
        guard (200..<300).contains(status) else {
            let detail =
                (try? APIEnvelope(bytes: [UInt8](body)))?.errors.first?.msg ?? String(decoding: body.prefix(200), as: UTF8.self)
            return .failure(ClientError("HTTP \(status) from \(path): \(detail)", collectorAnswered: true))
        }
        if case .trace(let id) = request { return trace(id: id, body: body, path: path) }
        do throws(APIShapeError) {
            let envelope = try APIEnvelope(bytes: [UInt8](body))
            switch request {
            case .traceSummaries:
                return .success(.summaries(try envelope.list(TraceSummaryRow.init(json:path:))))
            case .traceLogs, .logs:
                return .success(.logs(try envelope.list(LogLine.init(json:path:))))
            case .latency:
                return .success(.latency(try envelope.list(LatencyRow.init(json:path:))))
            case .histogram(let service, let operation, _):
                let histogram = try envelope.object(OperationHistogram.init(json:path:))
                return .success(.histogram(histogram ?? OperationHistogram(service: service, operation: operation, count: 0, buckets: [])))
            case .dependencies:
                return .success(
                    .dependencies(try envelope.list(DependencyEdge.init(json:path:))))
            case .correlation(let id):
                let correlation = try envelope.object(Correlation.init(json:path:))
                return .success(.correlation(correlation ?? Correlation(correlationId: id, traces: [], logs: [])))
            case .trace: preconditionFailure("read above")
            }
        } catch {
            return .failure(ClientError("unexpected JSON from \(path): \(error.message)", collectorAnswered: true))
        }
    }

    /// `GET /api/traces/{id}?format=otlp`: one `ExportTraceServiceRequest`, read in place (a 10,000-span answer is
    /// several MB) by the OTLP decoder the collector ingests with, then the path `--file` takes too.
    private static func trace(id: String, body: Data, path: String) -> Result<APIPayload, ClientError> {
        let decoded = body.withUnsafeBytes { bytes in Result { () throws(OTLPDecodingError) in try OTLPJSON.decodeTraces(bytes) } }
        switch decoded {
        case .failure(let error):
            return .failure(ClientError("unexpected OTLP JSON from \(path): \(error.message)", collectorAnswered: true))
        case .success(let traces):
            guard let trace = TraceDetail.traces(from: traces.data).first else {
                return .failure(ClientError("trace \(id) not found", collectorAnswered: true))
            }
            return .success(.trace(trace))
        }
    }
}

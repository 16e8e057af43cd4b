import Foundation

/// Turns an HTTP answer into a payload or an error; separate from the client so it is tested without a socket.
enum ResponseDecoder {
    static func decode(_ request: APIRequest, status: Int, body: Data, path: String) -> Result<APIPayload, ClientError> {
        let decoder = JSONDecoder()
        guard (200..<300).contains(status) else {
            let detail =
                (try? decoder.decode(Envelope<DisplayValue>.self, from: body))?.errors?.first?.msg
                ?? String(decoding: body.prefix(200), as: UTF8.self)
            return .failure(ClientError("HTTP \(status) from \(path): \(detail)", collectorAnswered: true))
        }
        do {
            switch request {
            case .traceSummaries:
                return .success(.summaries(try decoder.decode(Envelope<[TraceSummary]>.self, from: body).data ?? []))
            case .trace(let id):
                // Read in place: a 10,000-span answer is several MB, not worth copying first.
                let read = body.withUnsafeBytes { bytes in Result { () throws(ShapeError) in try TraceDetail.decodeEnvelope(bytes) } }
                let trace: TraceDetail?
                do { trace = try read.get() } catch {
                    return .failure(ClientError("unexpected JSON from \(path): \(error.message)", collectorAnswered: true))
                }
                guard let trace else { return .failure(ClientError("trace \(id) not found", collectorAnswered: true)) }
                return .success(.trace(trace))
            case .traceLogs, .logs:
                return .success(.logs(try decoder.decode(Envelope<[LogLine]>.self, from: body).data ?? []))
            case .latency:
                return .success(.latency(try decoder.decode(Envelope<[LatencyRow]>.self, from: body).data ?? []))
            case .histogram(let service, let operation, _):
                let histogram = try decoder.decode(Envelope<LatencyHistogram>.self, from: body).data
                return .success(.histogram(histogram ?? LatencyHistogram(service: service, operation: operation, count: 0, buckets: [])))
            case .dependencies:
                return .success(.dependencies(try decoder.decode(Envelope<[DependencyLink]>.self, from: body).data ?? []))
            case .correlation(let id):
                let correlation = try decoder.decode(Envelope<Correlation>.self, from: body).data
                return .success(.correlation(correlation ?? Correlation(correlationId: id, traces: [], logs: [])))
            }
        } catch {
            return .failure(ClientError("unexpected JSON from \(path): \(describe(error))", collectorAnswered: true))
        }
    }

    /// DecodingError's own description is long; name the field path and the problem.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

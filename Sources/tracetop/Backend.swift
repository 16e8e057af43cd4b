import TracetopUI

/// Where answers come from: the collector over HTTP, or a trace file read at start (`--file`).
enum Backend: Sendable {
    case collector(CollectorClient)
    case file(OfflineTraces)

    func send(_ request: APIRequest) async -> Result<APIPayload, ClientError> {
        switch self {
        case .collector(let client): return await client.send(request)
        case .file(let traces): return traces.answer(request)
        }
    }
}

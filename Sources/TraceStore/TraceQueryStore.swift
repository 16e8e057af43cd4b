import TraceModel

/// The query role of the storage contract (see `TraceStore`): what the query APIs (v1 and Jaeger's api_v3) read.
/// Reads see every committed batch and never block writes for long.
package protocol TraceQueryStore: Sendable {
    func trace(_ id: TraceID) async throws -> [SpanRecord]
    func traceSummaries(_ query: TraceQuery) async throws -> [TraceSummary]
    /// The traces `traceSummaries` would find, each as `trace(_:)` gives it.
    func traces(_ query: TraceQuery) async throws -> [[SpanRecord]]
    func services() async throws -> [String]
    func operations(service: String?, kind: SpanKind?) async throws -> [OperationName]
    func dependencies(from start: UInt64, to end: UInt64) async throws -> [DependencyLink]
    func latency(_ query: LatencyQuery) async throws -> [OperationLatency]
    func logs(_ query: LogQuery) async throws -> [StoredLog]
    /// The correlation ids recorded for a trace (spans' and logs').
    func correlationIDs(ofTrace id: TraceID) async throws -> [String]

    /// Figures for operators and the benchmark: rows and size.
    func statistics() async throws -> StoreStatistics
}

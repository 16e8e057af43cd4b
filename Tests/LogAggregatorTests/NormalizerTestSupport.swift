import LogAggregator
import Testing
import TraceModel
import WireCodecs

/// 2024-11-24T23:13:20Z in nanoseconds.
let novemberNanos: UInt64 = 1_732_490_000_000_000_000
let receivedAt: UInt64 = 1_800_000_000_000_000_000

func normalize(
    _ body: String, contentType: String = "application/x-ndjson",
    limits: StructuredLogNormalizer.Limits = .init()
) throws(StructuredLogError) -> NormalizedLogs {
    try StructuredLogNormalizer(limits: limits).normalize(Array(body.utf8), contentType: contentType, receivedAtUnixNano: receivedAt)
}

/// The one record a one-line body produced (and the service it was filed under).
func onlyRecord(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (record: LogRecord, service: String) {
    let result = try normalize(line)
    #expect(result.errors.isEmpty, "\(result.errors)", sourceLocation: sourceLocation)
    let resource = try #require(result.data.resourceLogs.first, sourceLocation: sourceLocation)
    let record = try #require(resource.scopeLogs.first?.logRecords.first, sourceLocation: sourceLocation)
    #expect(result.data.logRecordCount == 1, sourceLocation: sourceLocation)
    return (record, resource.resource.serviceName)
}

/// Every record of a result, in input order within each service.
func allRecords(_ result: NormalizedLogs) -> [LogRecord] {
    result.data.resourceLogs.flatMap { $0.scopeLogs.flatMap(\.logRecords) }
}

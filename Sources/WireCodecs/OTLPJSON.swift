/// The one place OTLP JSON enters and leaves the model. Everything else calls these functions, so the
/// decoder behind them can be replaced without touching the collector.
package enum OTLPJSON {
    /// Decodes an `ExportTraceServiceRequest` in OTLP JSON. Spans with invalid ids are rejected (counted,
    /// with a reason naming their path); a malformed document throws an error naming the byte offset or field path.
    package static func decodeTraces(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedTraces {
        try OTLPJSONTraceDecoder.decode(bytes)
    }

    package static func decodeLogs(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedLogs {
        try OTLPJSONLogDecoder.decode(bytes)
    }

    package static func decodeTraces(_ bytes: [UInt8]) throws(OTLPDecodingError) -> DecodedTraces {
        do { return try bytes.withUnsafeBytes { raw in try decodeTraces(raw) } } catch let error as OTLPDecodingError { throw error } catch
        { throw OTLPDecodingError("\(error)") }
    }

    package static func decodeLogs(_ bytes: [UInt8]) throws(OTLPDecodingError) -> DecodedLogs {
        do { return try bytes.withUnsafeBytes { raw in try decodeLogs(raw) } } catch let error as OTLPDecodingError { throw error } catch {
            throw OTLPDecodingError("\(error)")
        }
    }

    /// Encodes as OTLP JSON (lowerCamelCase, hex ids, int64 as strings) that `decodeTraces` reads back unchanged.
    package static func encode(_ traces: TracesData) -> [UInt8] { OTLPJSONEncoder.encode(traces) }
    package static func encode(_ logs: LogsData) -> [UInt8] { OTLPJSONEncoder.encode(logs) }
}

// TEMPORARY: lets TraceModel compile while the real OTLP JSON decoder and encoder are written on branch helper/json.
// Delete this file when merging helper/json (its types replace these).
enum OTLPJSONTraceDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedTraces {
        throw OTLPDecodingError("OTLP JSON trace decoding is not built yet")
    }
}

enum OTLPJSONLogDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedLogs {
        throw OTLPDecodingError("OTLP JSON log decoding is not built yet")
    }
}

enum OTLPJSONEncoder {
    static func encode(_ traces: TracesData) -> [UInt8] { [] }
    static func encode(_ logs: LogsData) -> [UInt8] { [] }
}

enum OTLPJSONTraceDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedTraces {
        throw OTLPDecodingError("OTLP JSON trace decoding is not implemented yet")
    }
}

enum OTLPJSONLogDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedLogs {
        throw OTLPDecodingError("OTLP JSON log decoding is not implemented yet")
    }
}

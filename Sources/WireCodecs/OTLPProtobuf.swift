/// The one place OTLP protobuf (`application/x-protobuf`) enters and leaves the model. The decoders give
/// exactly what `OTLPJSON` gives for the same request, so the collector treats both encodings alike.
package enum OTLPProtobuf {
    /// Decodes an `ExportTraceServiceRequest`. Unknown fields are skipped; spans with invalid ids are rejected
    /// (counted, with a reason naming their path); malformed or truncated bytes throw an error naming the field
    /// or byte offset.
    package static func decodeTraces(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedTraces {
        try ProtobufTraceDecoder.decode(bytes)
    }

    /// Decodes an `ExportLogsServiceRequest`. Records with invalid ids are kept, unlinked.
    package static func decodeLogs(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedLogs {
        try ProtobufLogDecoder.decode(bytes)
    }

    package static func decodeTraces(_ bytes: [UInt8]) throws(OTLPDecodingError) -> DecodedTraces {
        try withBorrowed(bytes, decodeTraces)
    }

    package static func decodeLogs(_ bytes: [UInt8]) throws(OTLPDecodingError) -> DecodedLogs {
        try withBorrowed(bytes, decodeLogs)
    }

    /// Encodes as an `ExportTraceServiceRequest` that `decodeTraces` reads back unchanged.
    package static func encode(_ traces: TracesData) -> [UInt8] {
        var writer = ProtobufWriter(capacity: 512 * max(traces.spanCount, 1))
        writer.writeTraces(traces)
        return writer.bytes
    }

    package static func encode(_ logs: LogsData) -> [UInt8] {
        var writer = ProtobufWriter(capacity: 256 * max(logs.logRecordCount, 1))
        writer.writeLogs(logs)
        return writer.bytes
    }

    /// `ExportTraceServiceResponse` (or `ExportLogsServiceResponse` when `forLogs`): empty on full success,
    /// else a `partial_success` with the rejected count and message. The two messages have the same field
    /// numbers, so today `forLogs` does not change the bytes; it keeps call sites saying what they answer.
    package static func encodeExportResponse(rejected: Int64, message: String, forLogs: Bool) -> [UInt8] {
        var writer = ProtobufWriter(capacity: 16 + message.utf8.count)
        writer.writeExportResponse(rejected: rejected, message: message)
        return writer.bytes
    }

    /// A `google.rpc.Status` error body (`code` is a gRPC code: 3 INVALID_ARGUMENT, 8 RESOURCE_EXHAUSTED, …).
    package static func encodeStatus(code: Int32, message: String) -> [UInt8] {
        var writer = ProtobufWriter(capacity: 16 + message.utf8.count)
        writer.writeRPCStatus(code: code, message: message)
        return writer.bytes
    }

    /// A `google.rpc.Status` carrying a `google.rpc.RetryInfo` detail: how long a client should wait before retrying.
    package static func encodeStatus(code: Int32, message: String, retryDelaySeconds: Int64) -> [UInt8] {
        var writer = ProtobufWriter(capacity: 96 + message.utf8.count)
        writer.writeRPCStatus(code: code, message: message, retryDelaySeconds: retryDelaySeconds)
        return writer.bytes
    }

    /// A bare `google.rpc.RetryInfo` (the OpenTelemetry Python exporter reads it from `google.rpc.retryinfo-bin`).
    package static func encodeRetryInfo(seconds: Int64) -> [UInt8] {
        var writer = ProtobufWriter(capacity: 8)
        writer.writeRetryInfo(seconds: seconds)
        return writer.bytes
    }

    private static func withBorrowed<Result>(
        _ bytes: [UInt8], _ decode: (UnsafeRawBufferPointer) throws(OTLPDecodingError) -> Result
    ) throws(OTLPDecodingError) -> Result {
        // withUnsafeBytes rethrows untyped; carry the typed error out through a Result instead.
        let outcome: Swift.Result<Result, OTLPDecodingError> = bytes.withUnsafeBytes { raw in
            do throws(OTLPDecodingError) { return .success(try decode(raw)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }
}

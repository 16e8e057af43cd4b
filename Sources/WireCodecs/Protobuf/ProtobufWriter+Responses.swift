/// The bodies OTLP/HTTP answers a protobuf request with.
extension ProtobufWriter {
    /// `ExportTraceServiceResponse` / `ExportLogsServiceResponse`. Both carry `partial_success` in field 1 and
    /// their partial-success messages share a layout (count in 1, message in 2), so one writer serves both.
    /// A full success is the empty message.
    mutating func writeExportResponse(rejected: Int64, message: String) {
        guard rejected != 0 || !message.isEmpty else { return }
        writeMessageField(OTLPField.ExportResponse.partialSuccess) { writer in
            writer.writeVarintField(OTLPField.ExportResponse.rejectedCount, UInt64(bitPattern: rejected))
            writer.writeStringField(OTLPField.ExportResponse.errorMessage, message)
        }
    }

    /// `google.rpc.Status` without details.
    mutating func writeRPCStatus(code: Int32, message: String) {
        writeInt32Field(OTLPField.RPCStatus.code, code)
        writeStringField(OTLPField.RPCStatus.message, message)
    }

    /// `google.rpc.Status` with one `RetryInfo` detail: OTLP/gRPC's "retry after this delay" (sent base64 in the
    /// `grpc-status-details-bin` trailer).
    mutating func writeRPCStatus(code: Int32, message: String, retryDelaySeconds: Int64) {
        writeRPCStatus(code: code, message: message)
        writeMessageField(OTLPField.RPCStatus.details) { any in
            any.writeStringField(OTLPField.RetryInfo.anyTypeURL, OTLPField.RetryInfo.typeURL)
            any.writeMessageField(OTLPField.RetryInfo.anyValue) { retryInfo in retryInfo.writeRetryInfo(seconds: retryDelaySeconds) }
        }
    }

    /// `google.rpc.RetryInfo{Duration retry_delay=1}`.
    mutating func writeRetryInfo(seconds: Int64) {
        writeMessageField(OTLPField.RetryInfo.retryDelay) { duration in
            duration.writeVarintField(OTLPField.RetryInfo.durationSeconds, UInt64(bitPattern: seconds))
        }
    }
}

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
}
